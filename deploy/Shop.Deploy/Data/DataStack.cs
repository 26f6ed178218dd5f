using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.RDS;
using Constructs;
using Shop.Contracts.Topology;
using Shop.Deploy.Network;

namespace Shop.Deploy.Data;

/// <summary>
/// Aurora PostgreSQL Serverless v2 with one database and one login per service (<see cref="ServiceDatabases"/>), and
/// the services' DynamoDB tables from the service list.
/// </summary>
public sealed class DataStack : Stack
{
    public DatabaseCluster Database { get; }

    /// <summary>Who may connect to the database (port 5432); the services stack adds each service's security group.</summary>
    public SecurityGroup DatabaseClients { get; }

    public ServiceDatabases ServiceDatabases { get; }

    public IReadOnlyDictionary<string, Table> Tables { get; }

    public DataStack(Construct scope, string id, IStackProps props, DeploySettings settings, Vpc vpc)
        : base(scope, id, props)
    {
        DatabaseClients = new SecurityGroup(this, "DatabaseClients", new SecurityGroupProps
        {
            Vpc = vpc,
            AllowAllOutbound = false,
            Description = "Tasks that may connect to the shop database",
        });
        DatabaseClients.AddEgressRule(Peer.Ipv4(vpc.VpcCidrBlock), Port.Tcp(5432), "PostgreSQL inside the VPC");

        var databaseSecurityGroup = new SecurityGroup(this, "DatabaseSecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc,
            AllowAllOutbound = false,
            Description = "The shop Aurora cluster",
        });
        databaseSecurityGroup.AddIngressRule(DatabaseClients, Port.Tcp(5432), "Services with a database");

        Database = new DatabaseCluster(this, "Database", new DatabaseClusterProps
        {
            Engine = DatabaseClusterEngine.AuroraPostgres(new AuroraPostgresClusterEngineProps
            {
                Version = AuroraPostgresEngineVersion.Of("16.6", "16"),
            }),
            Writer = ClusterInstance.ServerlessV2("Writer"),
            Readers = [ClusterInstance.ServerlessV2("Reader", new ServerlessV2ClusterInstanceProps { ScaleWithWriter = true })],
            ServerlessV2MinCapacity = 0.5,
            ServerlessV2MaxCapacity = 8,
            Vpc = vpc,
            VpcSubnets = new SubnetSelection { SubnetGroupName = NetworkStack.DataSubnets },
            SecurityGroups = [databaseSecurityGroup],
            Credentials = Credentials.FromGeneratedSecret("shop_admin", new CredentialsBaseOptions
            {
                SecretName = $"{settings.Prefix}/database/admin",
            }),
            StorageEncrypted = true,
            // The Data API lets the set-up function create each service's database and login without a network path.
            EnableDataApi = true,
            Backup = new BackupProps { Retention = Duration.Days(7) },
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.SNAPSHOT,
        });

        ServiceDatabases = new ServiceDatabases(this, "ServiceDatabases", settings, Database);

        Tables = ShopServices.All.SelectMany(service => service.Tables).ToDictionary(table => table.Name, table => Table(settings, table));
    }

    private Table Table(DeploySettings settings, TableDefinition definition) => new(this, $"Table-{definition.Name}", new TableProps
    {
        TableName = settings.PhysicalName(definition.Name),
        PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = definition.PartitionKey, Type = AttributeType.STRING },
        BillingMode = BillingMode.PAY_PER_REQUEST,
        PointInTimeRecovery = true,
        Encryption = TableEncryption.AWS_MANAGED,
        TimeToLiveAttribute = definition.TimeToLiveAttribute,
        RemovalPolicy = RemovalPolicy.RETAIN,
    });
}
