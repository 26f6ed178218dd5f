using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Shop.Messaging.Aws;

namespace Shop.Messaging.Sns;

public static class SnsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISnsClient"/> (a typed HttpClient), <see cref="AwsSettings"/> from configuration
    /// (AWS_REGION, AWS_ENDPOINT_URL...), the default AWS credential chain and <see cref="SnsRetryOptions"/>.
    /// </summary>
    public static IServiceCollection AddSnsClient(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => AwsSettings.FromConfiguration(provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<IAwsCredentialsSource, DefaultAwsCredentialsSource>();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SnsRetryOptions>, SnsRetryOptionsValidator>());
        services.AddOptions<SnsRetryOptions>()
            // Asking for AwsSettings here builds them during start-up validation, so a missing AWS_REGION or a
            // malformed AWS_ENDPOINT_URL stops the host at start rather than failing the first publish.
            .Validate<AwsSettings>((_, _) => true)
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
