using System.Diagnostics;
using System.Net;

namespace Shop.LocalServers.Tests;

public sealed class ServiceProcessTests : IDisposable
{
    private readonly string _logDirectory = Directory.CreateTempSubdirectory("shop-service-process-").FullName;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_logDirectory, recursive: true);

    [Fact]
    public async Task Stopping_ends_a_process_that_honours_SIGTERM_well_within_the_grace_period()
    {
        var service = ServiceProcess.Start(new ServiceProcessStartInfo("sleep", "sleep", LogFile("sleep")) { Arguments = ["60"] });
        ProcessTable.IsRunning(service.ProcessId).ShouldBeTrue();
        var clock = Stopwatch.StartNew();

        await service.StopAsync();

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        ProcessTable.IsRunning(service.ProcessId).ShouldBeFalse();
        await service.DisposeAsync();
    }

    [Fact]
    public async Task Stopping_kills_a_process_that_ignores_SIGTERM_together_with_its_children()
    {
        // The trap is inherited by the background sleep, so neither ends on SIGTERM.
        await using var service = Start("stubborn", "trap '' TERM; sleep 60 & echo child=$!; wait");
        var child = await ChildPidAsync(service);

        await service.StopAsync(gracePeriod: TimeSpan.FromMilliseconds(300));

        ProcessTable.IsRunning(service.ProcessId).ShouldBeFalse();
        ProcessTable.IsRunning(child).ShouldBeFalse();
    }

    [Fact]
    public async Task Stopping_also_ends_children_that_outlive_a_process_ending_on_SIGTERM()
    {
        // sh ends on SIGTERM but its background sleep is not signalled and would hold the output open.
        await using var service = Start("parent", "sleep 60 & echo child=$!; wait");
        var child = await ChildPidAsync(service);
        var clock = Stopwatch.StartNew();

        await service.StopAsync();

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        ProcessTable.IsRunning(service.ProcessId).ShouldBeFalse();
        ProcessTable.IsRunning(child).ShouldBeFalse();
    }

    [Fact]
    public async Task Exit_code_is_reported_when_the_process_ends_by_itself()
    {
        await using var service = Start("quitter", "exit 7");

        (await service.WaitForExitAsync(Cancellation)).ShouldBe(7);
    }

    [Fact]
    public async Task Output_and_errors_go_to_the_log_file_and_the_output_tail()
    {
        await using var service = Start("chatty", "echo hello from stdout; echo hello from stderr >&2");

        await service.WaitForExitAsync(Cancellation);

        var log = await File.ReadAllTextAsync(service.LogFile, Cancellation);
        log.ShouldContain("hello from stdout");
        log.ShouldContain("hello from stderr");
        service.OutputTail().ShouldContain("hello from stderr");
    }

    [Fact]
    public async Task Output_tail_keeps_the_last_200_lines()
    {
        await using var service = Start("counter", "seq 1 500");

        await service.WaitForExitAsync(Cancellation);

        var tail = service.OutputTail(int.MaxValue).Split(Environment.NewLine);
        tail.Length.ShouldBe(200);
        tail[0].ShouldBe("301");
        tail[^1].ShouldBe("500");
    }

    [Fact]
    public async Task Process_gets_the_given_environment_and_working_directory()
    {
        await using var service = ServiceProcess.Start(
            new ServiceProcessStartInfo("env", "sh", LogFile("env"))
            {
                Arguments = ["-c", "echo value=$SHOP_TEST_VALUE; pwd"],
                Environment = new Dictionary<string, string> { ["SHOP_TEST_VALUE"] = "42" },
                WorkingDirectory = _logDirectory,
            });

        await service.WaitForExitAsync(Cancellation);

        service.OutputTail().ShouldContain("value=42");
        service.OutputTail().ShouldContain(_logDirectory);
    }

    [Fact]
    public async Task Waiting_for_health_fails_at_once_with_the_output_when_the_process_exits()
    {
        await using var service = Start("crasher", "echo cannot start: missing setting; exit 3");
        var clock = Stopwatch.StartNew();

        var failure = await Should.ThrowAsync<InvalidOperationException>(() =>
            service.WaitHealthyAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/health/ready"), TimeSpan.FromSeconds(60), Cancellation));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        failure.Message.ShouldContain("exited with code 3");
        failure.Message.ShouldContain("cannot start: missing setting");
    }

    [Fact]
    public async Task Waiting_for_health_times_out_when_the_url_never_answers_200()
    {
        await using var service = ServiceProcess.Start(new ServiceProcessStartInfo("silent", "sleep", LogFile("silent")) { Arguments = ["60"] });

        var failure = await Should.ThrowAsync<TimeoutException>(() =>
            service.WaitHealthyAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/health/ready"), TimeSpan.FromSeconds(1), Cancellation));

        failure.Message.ShouldContain("silent");
    }

    [Fact]
    public async Task Waiting_for_health_returns_once_the_url_answers_200()
    {
        await using var service = ServiceProcess.Start(new ServiceProcessStartInfo("healthy", "sleep", LogFile("healthy")) { Arguments = ["60"] });
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/health/ready");
        using var listener = new HttpListener { Prefixes = { $"http://127.0.0.1:{url.Port}/" } };
        listener.Start();
        var answer = AnswerOnceAsync(listener, HttpStatusCode.OK);

        await service.WaitHealthyAsync(url, TimeSpan.FromSeconds(30), Cancellation);

        (await answer).ShouldBe("/health/ready");
    }

    private ServiceProcess Start(string name, string script) =>
        ServiceProcess.Start(new ServiceProcessStartInfo(name, "sh", LogFile(name)) { Arguments = ["-c", script] });

    private string LogFile(string name) => Path.Combine(_logDirectory, name + ".log");

    private static async Task<int> ChildPidAsync(ServiceProcess service)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var line = service.OutputTail().Split(Environment.NewLine).FirstOrDefault(l => l.StartsWith("child=", StringComparison.Ordinal));
            if (line is not null)
            {
                return int.Parse(line["child=".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }

            await Task.Delay(50, Cancellation);
        }

        throw new TimeoutException("The script did not print its child's pid.");
    }

    private static async Task<string> AnswerOnceAsync(HttpListener listener, HttpStatusCode status)
    {
        var context = await listener.GetContextAsync();
        context.Response.StatusCode = (int)status;
        context.Response.Close();
        return context.Request.Url!.AbsolutePath;
    }
}
