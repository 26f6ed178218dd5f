using System.Diagnostics;
using System.Net;

namespace Shop.LocalServers;

/// <summary>
/// A long-running child process whose output goes to a log file (and the last lines to memory for error
/// messages). Stopping sends SIGTERM, waits, then kills the whole tree: no process is left behind.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(10);
    private const int RecentLineCount = 200;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _recentLines = new(RecentLineCount);
    private readonly bool _echo;
    private readonly Lock _gate = new();
    private bool _logClosed;
    private bool _disposed;

    private ServiceProcess(ServiceProcessStartInfo info)
    {
        Name = info.Name;
        LogFile = Path.GetFullPath(info.LogFile);
        _echo = info.EchoToConsole;
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        _log = new StreamWriter(LogFile, append: false) { AutoFlush = true };

        var startInfo = new ProcessStartInfo(info.FileName, info.Arguments)
        {
            WorkingDirectory = info.WorkingDirectory ?? Environment.CurrentDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in info.Environment)
        {
            startInfo.Environment[key] = value;
        }

        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
    }

    public string Name { get; }

    public string LogFile { get; }

    public int ProcessId { get; private set; }

    public bool HasExited => _process.HasExited;

    public static ServiceProcess Start(ServiceProcessStartInfo info)
    {
        var service = new ServiceProcess(info);
        try
        {
            service._process.Start();
            service.ProcessId = service._process.Id;
        }
        catch
        {
            service.CloseLog();
            service._process.Dispose();
            throw;
        }

        service._process.StandardInput.Close();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    /// <summary>The last output lines (stdout and stderr interleaved), newest last.</summary>
    public string OutputTail(int lines = 40)
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _recentLines.Skip(Math.Max(0, _recentLines.Count - lines)));
        }
    }

    /// <summary>Polls until the URL answers 200; fails at once, with the output tail, if the process exits.</summary>
    public async Task WaitHealthyAsync(Uri healthUrl, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // No proxy: an HTTP_PROXY in the environment must not capture requests to 127.0.0.1.
        using var http = new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        var lastAnswer = "no answer";
        while (true)
        {
            if (_process.HasExited)
            {
                await WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"{Name} exited with code {_process.ExitCode} before {healthUrl} answered 200. {Describe()}");
            }

            try
            {
                using var response = await http.GetAsync(healthUrl, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastAnswer = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastAnswer = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastAnswer = "request timed out";
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"{Name} was not healthy at {healthUrl} within {timeout.TotalSeconds} s (last: {lastAnswer}). {Describe()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>Waits until the process ends by itself and its output is in the log; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>
    /// SIGTERM, then after the grace period a kill of the whole process tree. Children that outlive a
    /// process which did exit in time are killed too: they would hold its output open.
    /// </summary>
    public async Task StopAsync(TimeSpan? gracePeriod = null)
    {
        if (!_process.HasExited)
        {
            var descendants = ProcessTree.DescendantsOf(_process.Id);
            if (OperatingSystem.IsWindows())
            {
                _process.Kill(entireProcessTree: true);
            }
            else
            {
                // ESRCH (it exited meanwhile) is fine.
                _ = NativeMethods.kill(_process.Id, NativeMethods.SIGTERM);
            }

            if (!await HasExitedWithinAsync(gracePeriod ?? DefaultGracePeriod))
            {
                _process.Kill(entireProcessTree: true);
            }

            foreach (var pid in descendants)
            {
                _ = NativeMethods.kill(pid, NativeMethods.SIGKILL);
            }
        }

        // Also drains the redirected output into the log.
        await _process.WaitForExitAsync(CancellationToken.None);
        CloseLog();
    }

    // Polls HasExited: WaitForExitAsync would also wait for the end of output, which a leftover child can hold open.
    private async Task<bool> HasExitedWithinAsync(TimeSpan gracePeriod)
    {
        var deadline = DateTime.UtcNow + gracePeriod;
        while (!_process.HasExited)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync();
        _process.Dispose();
    }

    private string Describe()
    {
        var tail = OutputTail();
        return tail.Length == 0
            ? $"It printed nothing (log: {LogFile})."
            : $"Last output (full log: {LogFile}):{Environment.NewLine}{tail}";
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_recentLines.Count == RecentLineCount)
            {
                _recentLines.Dequeue();
            }

            _recentLines.Enqueue(line);
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }

        if (_echo)
        {
            Console.WriteLine($"[{Name}] {line}");
        }
    }

    private void CloseLog()
    {
        lock (_gate)
        {
            if (!_logClosed)
            {
                _logClosed = true;
                _log.Dispose();
            }
        }
    }
}
