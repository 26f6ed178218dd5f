using Microsoft.Extensions.DependencyInjection;

namespace Shop.Messaging.Tests.Pipeline;

internal static class ServiceCollectionWrapping
{
    /// <summary>Replaces the registration of <typeparamref name="T"/> with <paramref name="wrap"/> around the original.</summary>
    public static IServiceCollection Wrap<T>(this IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(original);
        services.Add(new ServiceDescriptor(typeof(T), sp => wrap(Create<T>(sp, original)), original.Lifetime));
        return services;
    }

    private static T Create<T>(IServiceProvider services, ServiceDescriptor descriptor)
        where T : class =>
        (T)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
