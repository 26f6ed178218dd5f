using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shop.LocalServers;
using YamlDotNet.Serialization;

namespace Shop.Deploy.Tests.Build;

/// <summary>buildspec.yml as CodeBuild reads it: its variables, each phase's commands, its artifacts and its cache.</summary>
public sealed class Buildspec
{
    /// <summary>CodeBuild's phases, in the order it runs them.</summary>
    public static readonly IReadOnlyList<string> Phases = ["install", "pre_build", "build", "post_build"];

    private readonly Dictionary<object, object> _root;

    private Buildspec(Dictionary<object, object> root) => _root = root;

    public static string Location => Path.Combine(RepositoryRoot.Find(), "buildspec.yml");

    public static Buildspec Load()
    {
        using var reader = File.OpenText(Location);
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(reader)
            ?? throw new InvalidOperationException("buildspec.yml is empty.");
        var buildspec = new Buildspec(root);
        foreach (var phase in Phases)
        {
            _ = buildspec.Commands(phase);
        }

        return buildspec;
    }

    public string Version => (string)_root["version"];

    public string? Shell => Section(_root, "env") is { } env && env.TryGetValue("shell", out var shell) ? (string)shell : null;

    public IReadOnlyDictionary<string, string> Variables =>
        Section(_root, "env") is { } env && Section(env, "variables") is { } variables
            ? variables.ToDictionary(v => (string)v.Key, v => (string)v.Value)
            : [];

    public IReadOnlyDictionary<string, string> RuntimeVersions =>
        Section(Phase("install"), "runtime-versions")?.ToDictionary(v => (string)v.Key, v => (string)v.Value) ?? [];

    public string? OnFailure(string phase) => Phase(phase).TryGetValue("on-failure", out var value) ? (string)value : null;

    /// <summary>
    /// The phase's commands; each must be a string (an unquoted <c>: </c> or a leading <c>[</c> would make YAML read a
    /// command as a mapping or a list, which CodeBuild rejects).
    /// </summary>
    public IReadOnlyList<string> Commands(string phase)
    {
        if (!Phase(phase).TryGetValue("commands", out var commands))
        {
            return [];
        }

        return ((List<object>)commands).Select((command, index) => command as string
            ?? throw new InvalidOperationException($"Command {index + 1} of phase {phase} is a {command.GetType().Name}, not a string: quote it.")).ToList();
    }

    public IEnumerable<string> AllCommands => Phases.SelectMany(Commands);

    public bool HasPrimaryFiles => Section(_root, "artifacts") is { } artifacts && artifacts.ContainsKey("files");

    public IReadOnlyDictionary<string, ArtifactSet> SecondaryArtifacts =>
        Section(_root, "artifacts") is { } artifacts && Section(artifacts, "secondary-artifacts") is { } secondary
            ? secondary.ToDictionary(
                entry => (string)entry.Key,
                entry =>
                {
                    var definition = (Dictionary<object, object>)entry.Value;
                    return new ArtifactSet(
                        (string)entry.Key,
                        definition.TryGetValue("base-directory", out var directory) ? (string)directory : ".",
                        ((List<object>)definition["files"]).Cast<string>().ToList());
                })
            : [];

    public IReadOnlyList<string> CachePaths =>
        Section(_root, "cache") is { } cache && cache.TryGetValue("paths", out var paths) ? ((List<object>)paths).Cast<string>().ToList() : [];

    private Dictionary<object, object> Phase(string phase) =>
        Section(_root, "phases") is { } phases && Section(phases, phase) is { } found
            ? found
            : throw new InvalidOperationException($"buildspec.yml has no phase {phase}.");

    private static Dictionary<object, object>? Section(Dictionary<object, object> parent, string key) =>
        parent.TryGetValue(key, out var value) ? (Dictionary<object, object>)value : null;
}

/// <summary>One output artifact: the files under <see cref="BaseDirectory"/> that match one of <see cref="Files"/>.</summary>
public sealed record ArtifactSet(string Identifier, string BaseDirectory, IReadOnlyList<string> Files)
{
    /// <summary>Whether a path relative to the base directory is in the artifact (CodeBuild's globs: <c>*</c> within a folder, <c>**</c> across).</summary>
    public bool Includes(string relativePath) => Files.Any(pattern => GlobPattern(pattern).IsMatch(relativePath.Replace('\\', '/')));

    private static Regex GlobPattern(string glob)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                pattern.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                pattern.Append(glob[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(pattern.Append('$').ToString());
    }
}

/// <summary>docker-bake.hcl's default group: the images <c>docker buildx bake</c> builds when named none.</summary>
public static partial class BakeFile
{
    public static IReadOnlyList<string> DefaultGroup()
    {
        var bake = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docker-bake.hcl"));
        var group = DefaultGroupTargets().Match(bake);
        return group.Success
            ? Quoted().Matches(group.Groups["targets"].Value).Select(target => target.Groups[1].Value).ToList()
            : throw new InvalidOperationException("docker-bake.hcl has no default group.");
    }

    [GeneratedRegex("""group\s+"default"\s*\{\s*targets\s*=\s*\[(?<targets>[^\]]*)\]""")]
    private static partial Regex DefaultGroupTargets();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();
}

/// <summary>One call a fake tool received: its name and arguments.</summary>
public sealed record ToolCall(string Tool, IReadOnlyList<string> Arguments)
{
    public bool Has(params string[] sequence) =>
        Enumerable.Range(0, Arguments.Count - sequence.Length + 1).Any(start => sequence.Select((argument, i) => Arguments[start + i] == argument).All(same => same));

    public override string ToString() => $"{Tool} {string.Join(' ', Arguments)}";
}

/// <summary>
/// A temporary folder with stand-ins for the tools the buildspec calls (<c>aws</c>, <c>docker</c>, <c>dotnet</c>,
/// <c>trivy</c>), each a bash script that logs its call and answers from canned files, and a workspace holding copies
/// of the files the buildspec reads, to run its commands in. Everything is deleted on dispose.
/// </summary>
public sealed class BuildWorkspace : IDisposable
{
    private const string Prelude = """
        #!/usr/bin/env bash
        # A stand-in for a tool buildspec.yml calls (tests/Shop.Deploy.Tests/Build): logs each call to $FAKE_ROOT/calls.log.
        set -euo pipefail
        log() { local IFS=$'\t'; printf '%s\n' "$*" >> "$FAKE_ROOT/calls.log"; }
        # The value given to option $1 among the other arguments (as "$1 value" or "$1=value"); empty without one.
        option() {
            local name=$1
            shift
            while (($#)); do
                case $1 in
                    "$name") printf '%s' "${2-}"; return 0 ;;
                    "$name"=*) printf '%s' "${1#*=}"; return 0 ;;
                esac
                shift
            done
            return 0
        }

        """;

    // describe-images finds the tags of the repositories in FAKE_ECR_EXISTING; describe-task-definition answers from
    // task-definitions/<family>.json, and as ECS does for a family it does not know.
    private const string Aws = """
        log aws "$@"
        case "${1-} ${2-}" in
            "ecr get-login-password") echo fake-ecr-password ;;
            "ecr describe-images")
                repository=$(option --repository-name "$@")
                if [[ " ${FAKE_ECR_EXISTING-} " == *" $repository "* ]]; then
                    echo '{"imageDetails": [{"imageTags": ["existing"]}]}'
                else
                    echo "An error occurred (ImageNotFoundException) when calling the DescribeImages operation" >&2
                    exit 254
                fi
                ;;
            "ecs describe-task-definition")
                file="$FAKE_ROOT/task-definitions/$(option --task-definition "$@").json"
                if [[ ! -f $file ]]; then
                    echo "An error occurred (ClientException) when calling the DescribeTaskDefinition operation: Unable to describe task definition." >&2
                    exit 254
                fi
                cat "$file"
                ;;
            *) echo "fake aws: unexpected call: aws $*" >&2; exit 2 ;;
        esac
        """;

    // bake --print answers with bake-print.json; a build logs the variables the bake file reads.
    private const string Docker = """
        log docker "$@"
        case "${1-}" in
            login) cat > /dev/null ;;
            buildx)
                if [[ " $* " == *" --print "* ]]; then
                    cat "$FAKE_ROOT/bake-print.json"
                else
                    log bake-variables "REGISTRY=${REGISTRY-}" "TAG=${TAG-}"
                fi
                ;;
            push) ;;
            *) echo "fake docker: unexpected call: docker $*" >&2; exit 2 ;;
        esac
        """;

    private const string Dotnet = """
        log dotnet "$@"
        """;

    // Writes a stand-in SBOM where --output says; a scan with --exit-code of an image whose reference contains
    // FAKE_TRIVY_CRITICAL finds one critical vulnerability, and fails if CRITICAL is among the severities asked for.
    private const string Trivy = """
        log trivy "$@"
        image=${*: -1}
        output=$(option --output "$@")
        if [[ -n $output ]]; then
            printf '{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"component": {"name": "%s"}}}\n' "$image" > "$output"
        fi
        exit_code=$(option --exit-code "$@")
        severities=$(option --severity "$@")
        if [[ -n ${FAKE_TRIVY_CRITICAL-} && $image == *"$FAKE_TRIVY_CRITICAL"* && -n $exit_code && ,$severities, == *,CRITICAL,* ]]; then
            echo "$image: Total: 1 (CRITICAL: 1)"
            exit "$exit_code"
        fi
        """;

    /// <summary>The files buildspec.yml's pre_build, build and post_build commands read, relative to the repository root.</summary>
    private static readonly string[] CopiedFiles = ["docker-bake.hcl", "global.json", "Microservices.sln", "deploy/build/emit-artifacts.sh"];

    private readonly string _root;

    public BuildWorkspace(IEnumerable<string> bakeDefaultGroup)
    {
        Bash.RequireOnPath("bash", "jq");
        _root = Directory.CreateTempSubdirectory("shop-buildspec-").FullName;
        Directory.CreateDirectory(Path.Combine(FakeRoot, "bin"));
        Directory.CreateDirectory(Path.Combine(FakeRoot, "task-definitions"));
        File.WriteAllText(CallsLog, "");
        WriteTool("aws", Aws);
        WriteTool("docker", Docker);
        WriteTool("dotnet", Dotnet);
        WriteTool("trivy", Trivy);
        File.WriteAllText(
            Path.Combine(FakeRoot, "bake-print.json"),
            new JsonObject
            {
                ["group"] = new JsonObject
                {
                    ["default"] = new JsonObject { ["targets"] = new JsonArray([.. bakeDefaultGroup.Select(t => (JsonNode?)t)]) },
                },
            }.ToJsonString());

        var repository = RepositoryRoot.Find();
        foreach (var file in CopiedFiles)
        {
            var copy = Path.Combine(WorkingDirectory, file);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(Path.Combine(repository, file), copy);
        }
    }

    /// <summary>Where the buildspec's commands run: CodeBuild's source directory.</summary>
    public string WorkingDirectory => Path.Combine(_root, "workspace");

    /// <summary>A folder outside the workspace for a test's own files.</summary>
    public string Scratch => Directory.CreateDirectory(Path.Combine(_root, "scratch")).FullName;

    private string FakeRoot => Path.Combine(_root, "fakes");

    private string CallsLog => Path.Combine(FakeRoot, "calls.log");

    /// <summary>What the fake aws prints for <c>aws ecs describe-task-definition --task-definition <paramref name="family"/></c>.</summary>
    public void AddTaskDefinition(string family, string describeTaskDefinitionOutput) =>
        File.WriteAllText(Path.Combine(FakeRoot, "task-definitions", family + ".json"), describeTaskDefinitionOutput);

    /// <summary>Every call the fakes received, in order.</summary>
    public IReadOnlyList<ToolCall> Calls =>
        File.ReadAllLines(CallsLog).Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(parts => new ToolCall(parts[0], parts[1..]))
            .ToList();

    /// <summary>The process environment with the fakes first on PATH and <paramref name="variables"/> set (null unsets).</summary>
    public Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?> variables)
    {
        var environment = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);

        // What the buildspec sets itself, or the fakes read, must not come from the machine running the tests.
        foreach (var name in new[] { "BASH_ENV", "ENV", "COMMIT", "SERVICES", "IMAGE_REPOSITORY", "CODEDEPLOY_SERVICES", "REGISTRY", "TAG", "FAKE_ECR_EXISTING", "FAKE_TRIVY_CRITICAL" })
        {
            environment.Remove(name);
        }

        environment["FAKE_ROOT"] = FakeRoot;
        environment["PATH"] = Path.Combine(FakeRoot, "bin") + Path.PathSeparator + environment.GetValueOrDefault("PATH");
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>
    /// Runs the commands of <paramref name="phases"/> in one bash process, as CodeBuild does (one shell, so exports
    /// carry over; the buildspec's variables exported first), stopping at the first command that fails.
    /// </summary>
    public Task<Bash.Result> RunAsync(Buildspec buildspec, IEnumerable<string> phases, IReadOnlyDictionary<string, string?> variables, CancellationToken cancellationToken)
    {
        var script = new StringBuilder("export CODEBUILD_BUILD_SUCCEEDING=1\n");
        foreach (var (name, value) in buildspec.Variables)
        {
            script.Append($"export {name}={Bash.Quote(value)}\n");
        }

        foreach (var phase in phases)
        {
            foreach (var (command, index) in buildspec.Commands(phase).Select((command, index) => (command, index)))
            {
                script.Append(command.TrimEnd()).Append('\n');
                script.Append($"status=$?; if [ $status -ne 0 ]; then echo \"buildspec.yml: {phase} command {index + 1} failed with exit status $status\" >&2; exit $status; fi\n");
            }
        }

        var file = Path.Combine(_root, "buildspec-run.sh");
        File.WriteAllText(file, script.ToString());
        return Bash.RunAsync([file], WorkingDirectory, Environment(variables), cancellationToken);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void WriteTool(string name, string body)
    {
        var path = Path.Combine(FakeRoot, "bin", name);
        File.WriteAllText(path, Prelude + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}

/// <summary>Runs bash scripts for the tests, which need bash and jq on PATH.</summary>
public static class Bash
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit status {ExitCode}{System.Environment.NewLine}stdout:{System.Environment.NewLine}{Output}stderr:{System.Environment.NewLine}{Error}";
    }

    /// <summary>Fails the test, naming what is missing, unless every one of <paramref name="tools"/> is on PATH.</summary>
    public static void RequireOnPath(params string[] tools)
    {
        var directories = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var missing = tools.Where(tool => !directories.Any(directory => File.Exists(Path.Combine(directory, tool)))).ToList();
        if (missing.Count > 0)
        {
            Assert.Fail($"These tests run buildspec.yml's commands and deploy/build/emit-artifacts.sh with bash and jq; not on PATH: {string.Join(", ", missing)}.");
        }
    }

    /// <summary>A single-quoted bash word.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static async Task<Result> RunAsync(
        IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("bash", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            if (value is not null)
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
