using System.Globalization;
using Shop.LocalServers;

namespace Shop.Bench.Gateway;

/// <summary>Starts the backend and the three proxies in front of it, each on its own loopback port, ready to serve.</summary>
public sealed class Targets(string root, string workDirectory)
{
    public const string Path = "/api/catalog/products";

    public async Task<Target> StartBackendAsync(CancellationToken cancellationToken) =>
        await StartAsync("direct", "dotnet", [Release(root, "bench/Shop.Bench.Backend", "Shop.Bench.Backend.dll")], Environment.Version.ToString(), port =>
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = Url(port) }, cancellationToken);

    /// <summary>
    /// The gateway as deployed (Production, Release), but for a rate limit no benchmark client could stay under,
    /// with the variant's settings on top.
    /// </summary>
    public async Task<Target> StartGatewayAsync(Target backend, GatewayVariant variant, CancellationToken cancellationToken) =>
        await StartAsync(variant.Name, "dotnet", [Release(root, variant.Project, variant.Dll)], "YARP 2.3.0", port =>
        {
            var environment = GatewayEnvironment(port, backend);
            foreach (var (name, value) in variant.Environment)
            {
                environment[name] = value;
            }

            return environment;
        }, cancellationToken);

    public static Dictionary<string, string> GatewayEnvironment(int port, Target backend) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = Url(port),
        // Never contacted: the measured route is anonymous, so no token is validated.
        ["Auth__Authority"] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_benchmark",
        ["RateLimiting__Anonymous__TokenLimit"] = "1000000",
        ["RateLimiting__Anonymous__TokensPerPeriod"] = "1000000",
        ["ReverseProxy__Clusters__catalog__Destinations__primary__Address"] = backend.Url.ToString(),
    };

    public async Task<Target> StartNginxAsync(Target backend, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(System.IO.Path.Combine(workDirectory, "nginx")).FullName;
        var version = await MachineFacts.FirstLineOfAsync("nginx", ["-v"], cancellationToken) ?? "nginx";
        return await StartAsync("nginx", "nginx", ["-c", System.IO.Path.Combine(directory, "nginx.conf")], version, port =>
        {
            File.WriteAllText(System.IO.Path.Combine(directory, "nginx.conf"), NginxConfig(directory, port, backend.Url.Port));
            return [];
        }, cancellationToken);
    }

    public async Task<Target> StartHaproxyAsync(Target backend, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(System.IO.Path.Combine(workDirectory, "haproxy")).FullName;
        var version = await MachineFacts.FirstLineOfAsync("haproxy", ["-v"], cancellationToken) ?? "haproxy";
        var config = System.IO.Path.Combine(directory, "haproxy.cfg");
        return await StartAsync("haproxy", "haproxy", ["-db", "-f", config], version, port =>
        {
            File.WriteAllText(config, HaproxyConfig(port, backend.Url.Port) + "\n");
            return [];
        }, cancellationToken);
    }

    public static string Release(string root, string project, string dll) =>
        System.IO.Path.Combine(root, project, "bin", "Release", "net10.0", dll);

    private async Task<Target> StartAsync(
        string name, string fileName, string[] arguments, string version, Func<int, Dictionary<string, string>> environment, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var process = ServiceProcess.Start(new ServiceProcessStartInfo(name, fileName, System.IO.Path.Combine(workDirectory, name + ".log"))
        {
            Arguments = arguments,
            Environment = environment(port),
            // A .NET app finds its appsettings.json in its working directory.
            WorkingDirectory = fileName == "dotnet" ? System.IO.Path.GetDirectoryName(arguments[0]) : workDirectory,
        });
        var url = new Uri(Url(port));
        await process.WaitHealthyAsync(new Uri(url, Path), TimeSpan.FromSeconds(60), cancellationToken);
        return new Target(name, url, process, version) { IdleResidentBytes = ProcessMemory.ResidentBytes(process.ProcessId) };
    }

    private static string Url(int port) => "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);

    // Two workers for two cores; keep-alive to the backend, as the gateway's pooled connections are.
    private static string NginxConfig(string directory, int port, int backendPort) => $$"""
        worker_processes 2;
        daemon off;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/error.log warn;
        events { worker_connections 4096; }
        http {
            access_log off;
            client_body_temp_path {{directory}}/body;
            proxy_temp_path {{directory}}/proxy;
            fastcgi_temp_path {{directory}}/fastcgi;
            uwsgi_temp_path {{directory}}/uwsgi;
            scgi_temp_path {{directory}}/scgi;
            upstream backend {
                server 127.0.0.1:{{backendPort}};
                keepalive 128;
            }
            server {
                listen 127.0.0.1:{{port}};
                location / {
                    proxy_pass http://backend;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                }
            }
        }
        """;

    private static string HaproxyConfig(int port, int backendPort) => $"""
        global
            nbthread 2
            maxconn 8192
        defaults
            mode http
            timeout connect 5s
            timeout client 30s
            timeout server 30s
            option http-keep-alive
            http-reuse always
        frontend front
            bind 127.0.0.1:{port}
            default_backend backend
        backend backend
            server backend 127.0.0.1:{backendPort}
        """;
}
