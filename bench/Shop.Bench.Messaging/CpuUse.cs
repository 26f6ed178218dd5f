using Shop.Bench;
using System.Diagnostics;

namespace Shop.Bench.Messaging;

/// <summary>CPU time used by the emulator, by PostgreSQL (its server and backends) and by this process.</summary>
public sealed record CpuUse(TimeSpan Moto, TimeSpan Postgres, TimeSpan Process)
{
    public static CpuUse Read(BenchServers servers) => new(
        CpuClock.Of(servers.Moto.Process.ProcessId),
        CpuClock.Of(servers.PostgresProcessId),
        System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);

    public static CpuUse operator -(CpuUse after, CpuUse before) =>
        new(after.Moto - before.Moto, after.Postgres - before.Postgres, after.Process - before.Process);
}
