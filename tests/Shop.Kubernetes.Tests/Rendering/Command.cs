using System.ComponentModel;
using System.Diagnostics;

namespace Shop.Kubernetes.Tests.Rendering;

/// <summary>Runs a program to its end, with its standard output and error kept apart.</summary>
public static class Command
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public bool Succeeded => ExitCode == 0;
    }

    /// <exception cref="FileNotFoundException"><paramref name="fileName"/> is not on PATH.</exception>
    public static async Task<Result> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, string? input = null, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new FileNotFoundException($"Cannot run {fileName}: {exception.Message}. Is it installed and on PATH?", fileName, exception);
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
