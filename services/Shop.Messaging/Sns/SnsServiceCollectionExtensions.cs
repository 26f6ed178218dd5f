using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Messaging.Aws;

namespace Shop.Messaging.Sns;

public static class SnsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISnsClient"/> (a typed HttpClient), the AWS settings (<see cref="AwsOptions"/>: AWS_REGION,
    /// AWS_ENDPOINT_URL...), the default AWS credential chain and <see cref="SnsClientOptions"/>; both options are
    /// validated at start.
    /// </summary>
    public static IServiceCollection AddSnsClient(this IServiceCollection services)
    {
        services.AddAwsSettings();
        services.TryAddSingleton<IAwsCredentialsSource, DefaultAwsCredentialsSource>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SnsClientOptions>()
            .BindConfiguration(SnsClientOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient<ISnsClient, SnsQueryClient>()
            // The client may be held by singletons (the outbox dispatcher): recycle connections to follow DNS changes.
            // No automatic redirects: a redirected request would carry a signature for another URL.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AllowAutoRedirect = false,
            });
        return services;
    }
}
