using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Shop.ServiceDefaults.Tests.WarmUp;

/// <summary>Keeps what a host logs at <paramref name="minimum"/> or above, for tests that check what its start did.</summary>
internal sealed class HostLog(LogLevel minimum) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(_entries, minimum);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> entries, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(formatter(state, exception));
            }
        }
    }
}
