using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Shop.Contracts.Topology;

namespace Shop.Deploy.Data;

/// <summary>
/// One login and one database per service that has a database in the service list. Each login's password is
/// generated into a secret of its own, which only that service's tasks can read; the cluster's administrator
/// secret is read only by the set-up function (service-databases.js).
/// </summary>
public sealed class ServiceDatabases : Construct
{
    /// <summary>Each service's secret (<c>username</c>, <c>password</c>), by service name.</summary>
    public IReadOnlyDictionary<string, Secret> Secrets { get; }

    public ServiceDatabases(Construct scope, string id, DeploySettings settings, DatabaseCluster cluster)
        : base(scope, id)
    {
        var setUp = new Function(this, "SetUp", new FunctionProps
        {
            Runtime = Runtimes.NodeJs22,
            Handler = "index.handler",
            Code = Code.FromInline(EmbeddedText.Read("Data/service-databases.js")),
            Timeout = Duration.Minutes(2),
            Description = "Creates each service's PostgreSQL login and database",
            LogGroup = new LogGroup(this, "SetUpLogs", new LogGroupProps
            {
                Retention = RetentionDays.ONE_MONTH,
                RemovalPolicy = RemovalPolicy.DESTROY,
            }),
        });
        setUp.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["rds-data:ExecuteStatement"],
            Resources = [cluster.ClusterArn],
        }));
        cluster.Secret!.GrantRead(setUp);

        var secrets = new Dictionary<string, Secret>();
        foreach (var service in ShopServices.All.Where(service => service.Database is not null))
        {
            var secret = new Secret(this, $"{service.Name}Login", new SecretProps
            {
                SecretName = $"{settings.Prefix}/database/{service.Name}",
                Description = $"The {service.Name} service's PostgreSQL login",
                GenerateSecretString = new SecretStringGenerator
                {
                    // Everything a client needs but the generated password, so that one secret is a whole login (External
                    // Secrets on EKS builds the connection string from it).
                    SecretStringTemplate = JsonSerializer.Serialize(new
                    {
                        username = service.Database,
                        dbname = service.Database,
                        host = cluster.ClusterEndpoint.Hostname,
                        port = 5432,
                    }),
                    GenerateStringKey = "password",
                    ExcludePunctuation = true,
                    PasswordLength = 40,
                },
            });
            secret.GrantRead(setUp);
            secrets[service.Name] = secret;

            var database = new CustomResource(this, $"{service.Name}Database", new CustomResourceProps
            {
                ServiceToken = setUp.FunctionArn,
                ResourceType = "Custom::ServiceDatabase",
                Properties = new Dictionary<string, object>
                {
                    ["ClusterArn"] = cluster.ClusterArn,
                    ["AdminSecretArn"] = cluster.Secret.SecretArn,
                    ["ServiceSecretArn"] = secret.SecretArn,
                    ["Database"] = service.Database!,
                },
            });
            // The writer must be up before the Data API can reach it.
            database.Node.AddDependency(cluster);
        }

        Secrets = secrets;
    }
}
