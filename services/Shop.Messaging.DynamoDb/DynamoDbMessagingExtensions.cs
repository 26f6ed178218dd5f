using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Shop.Contracts.Topology;
using Shop.Messaging.Aws;
using Shop.Messaging.Provisioning;

namespace Shop.Messaging.DynamoDb;

public static class DynamoDbMessagingExtensions
{
    /// <summary>
    /// The consuming side for a service whose state is in DynamoDB: handlers add their writes to
    /// <see cref="DynamoWrites"/> and each event is applied with them in one transaction guarded by a conditional
    /// inbox put (table <paramref name="inboxTable"/>). Such a service publishes nothing: there is no DynamoDB outbox.
    /// </summary>
    public static MessagingBuilder AddDynamoDbMessaging(this IHostApplicationBuilder builder, ServiceTopology topology, string inboxTable)
    {
        if (topology.Publishes is not null || topology.Consumes is null)
        {
            throw new InvalidOperationException($"{topology.Service}: DynamoDB messaging consumes only; publishing needs the PostgreSQL outbox.");
        }

        var services = builder.Services;
        services.AddMessagingCore(topology);
        services.TryAddSingleton<IAmazonDynamoDB>(sp => new AmazonDynamoDBClient(sp.GetRequiredService<AwsSettings>().CreateDynamoDbConfig()));
        services.AddSingleton(sp => new DynamoInbox(
            sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<MessagingResources>().PhysicalName(inboxTable), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IProvisioningStep>(sp => sp.GetRequiredService<DynamoInbox>());
        services.AddScoped<DynamoWrites>();
        services.AddConsumer<DynamoInbox>(topology);
        return new MessagingBuilder(services, topology);
    }

    /// <summary>A DynamoDB client configuration that follows the same endpoint rules as the SNS and SQS clients.</summary>
    public static AmazonDynamoDBConfig CreateDynamoDbConfig(this AwsSettings aws) => aws.ServiceUrl("dynamodb") is { } url
        ? new AmazonDynamoDBConfig { ServiceURL = url.ToString(), AuthenticationRegion = aws.Region }
        : new AmazonDynamoDBConfig { RegionEndpoint = aws.RegionEndpoint };
}
