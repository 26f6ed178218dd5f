using System.Diagnostics;
using System.Text;

namespace Shop.LocalServers;

/// <summary>Runs a short-lived command to completion and captures its output.</summary>
public static class CommandLine
{
    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public static async Task<Result> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }

    /// <summary>Runs as the <c>postgres</c> OS user when we are root, because the PostgreSQL tools refuse to run as root.</summary>
    public static Task<Result> RunAsPostgresUserAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var (command, commandArguments) = AsPostgresUser(fileName, arguments);
        return RunAsync(command, commandArguments, workingDirectory, cancellationToken);
    }

    /// <summary>The command line that runs <paramref name="fileName"/> as the <c>postgres</c> OS user when we are root, else as is.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) AsPostgresUser(string fileName, IEnumerable<string> arguments) =>
        NativeMethods.IsRoot ? ("runuser", ["-u", "postgres", "--", fileName, .. arguments]) : (fileName, [.. arguments]);

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
