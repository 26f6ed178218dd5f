using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;

namespace Shop.Deploy.Network;

/// <summary>
/// A VPC over two availability zones: public subnets hold only the load balancer and the NAT gateway, tasks run in
/// private subnets, the database in isolated ones. AWS APIs are reached through VPC endpoints, so image pulls,
/// logs, messaging and secrets never cross the NAT gateway (it carries only what has no endpoint: Cognito's keys).
/// </summary>
public sealed class NetworkStack : Stack
{
    public const string PublicSubnets = "public";
    public const string TaskSubnets = "tasks";
    public const string DataSubnets = "data";

    public Vpc Vpc { get; }

    public NetworkStack(Construct scope, string id, IStackProps props)
        : base(scope, id, props)
    {
        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            IpAddresses = IpAddresses.Cidr("10.40.0.0/16"),
            MaxAzs = 2,
            NatGateways = 1,
            SubnetConfiguration =
            [
                new SubnetConfiguration { Name = PublicSubnets, SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = TaskSubnets, SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 20 },
                new SubnetConfiguration { Name = DataSubnets, SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 24 },
            ],
        });

        // ECR keeps image layers in S3; DynamoDB has a gateway endpoint too. Both are free.
        Vpc.AddGatewayEndpoint("S3", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 });
        Vpc.AddGatewayEndpoint("DynamoDb", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.DYNAMODB });

        (string Id, InterfaceVpcEndpointAwsService Service)[] interfaceEndpoints =
        [
            ("EcrApi", InterfaceVpcEndpointAwsService.ECR),
            ("EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER),
            ("Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS),
            ("Sqs", InterfaceVpcEndpointAwsService.SQS),
            ("Sns", InterfaceVpcEndpointAwsService.SNS),
            ("SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER),
            ("XRay", InterfaceVpcEndpointAwsService.XRAY),
        ];
        foreach (var (endpointId, service) in interfaceEndpoints)
        {
            // Open = HTTPS from inside the VPC only.
            Vpc.AddInterfaceEndpoint(endpointId, new InterfaceVpcEndpointOptions
            {
                Service = service,
                Subnets = new SubnetSelection { SubnetGroupName = TaskSubnets },
                Open = true,
                PrivateDnsEnabled = true,
            });
        }
    }
}
