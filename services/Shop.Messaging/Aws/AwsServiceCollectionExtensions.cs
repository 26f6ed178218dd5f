using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Shop.Messaging.Aws;

public static class AwsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="AwsOptions"/> bound from the top level of configuration (the SDKs' variable names) and validated at
    /// start, and the <see cref="AwsSettings"/> they give.
    /// </summary>
    public static IServiceCollection AddAwsSettings(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>());
        services.AddOptions<AwsOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.Bind(options))
            .ValidateOnStart();
        services.TryAddSingleton(provider => AwsSettings.From(provider.GetRequiredService<IOptions<AwsOptions>>().Value));
        return services;
    }
}
