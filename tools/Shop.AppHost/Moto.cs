namespace Shop.AppHost;

/// <summary>The moto server: SNS, SQS and DynamoDB emulated in memory, run as a plain process.</summary>
public static class MotoExtensions
{
    public const string Region = "us-east-1";

    public static IResourceBuilder<ExecutableResource> AddMoto(this IDistributedApplicationBuilder builder, string name, int? port)
    {
        var moto = builder.AddExecutable(name, "moto_server", Path.GetTempPath(), "-H", "127.0.0.1")
            .WithHttpEndpoint(port: port, name: "http");
        var endpoint = moto.GetEndpoint("http");
        return moto
            .WithArgs(context =>
            {
                context.Args.Add("-p");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
            })
            // GET / is S3's ListBuckets to moto: 200 once it serves requests.
            .WithHttpHealthCheck("/");
    }

    /// <summary>
    /// Points the service's AWS SDK (and our SNS client) at the emulator, with the credentials it accepts; at
    /// <paramref name="endpointUrl"/> instead when given (something in front of the emulator, such as the fault tests'
    /// proxy that can cut the connection).
    /// </summary>
    public static IResourceBuilder<T> WithAws<T>(this IResourceBuilder<T> service, IResourceBuilder<ExecutableResource> moto, string? endpointUrl)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        (endpointUrl is null
            ? service.WithEnvironment("AWS_ENDPOINT_URL", moto.GetEndpoint("http"))
            : service.WithEnvironment("AWS_ENDPOINT_URL", endpointUrl))
            .WithEnvironment("AWS_REGION", Region)
            .WithEnvironment("AWS_ACCESS_KEY_ID", "test")
            .WithEnvironment("AWS_SECRET_ACCESS_KEY", "test")
            .WithEnvironment("Messaging__Prefix", "shop-local")
            .WithEnvironment("Messaging__Provision", "true")
            .WaitFor(moto);
}
