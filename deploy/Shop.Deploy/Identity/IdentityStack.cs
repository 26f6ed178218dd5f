using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Constructs;

namespace Shop.Deploy.Identity;

/// <summary>
/// The Cognito user pool that signs the shop's tokens: customers sign themselves up; the <c>admin</c> group holds
/// the people who may change the catalog and read payments. Gateway and services validate its tokens through
/// <c>Auth__Authority</c> (<see cref="Authority"/>) and read roles from <c>cognito:groups</c>.
/// </summary>
public sealed class IdentityStack : Stack
{
    public const string AdminGroup = "admin";

    /// <summary>Where Cognito puts a user's groups; the services' <c>Auth__RoleClaim</c>.</summary>
    public const string RoleClaim = "cognito:groups";

    public UserPool UserPool { get; }

    public UserPoolClient Client { get; }

    /// <summary>The issuer of the pool's tokens: https://cognito-idp.REGION.amazonaws.com/POOL_ID.</summary>
    public string Authority => UserPool.UserPoolProviderUrl;

    public IdentityStack(Construct scope, string id, IStackProps props, DeploySettings settings)
        : base(scope, id, props)
    {
        UserPool = new UserPool(this, "Users", new UserPoolProps
        {
            UserPoolName = $"{settings.Prefix}-users",
            SelfSignUpEnabled = true,
            SignInAliases = new SignInAliases { Email = true },
            AutoVerify = new AutoVerifiedAttrs { Email = true },
            PasswordPolicy = new PasswordPolicy
            {
                MinLength = 12,
                RequireDigits = true,
                RequireLowercase = true,
                RequireUppercase = true,
                RequireSymbols = false,
            },
            Mfa = Mfa.OPTIONAL,
            MfaSecondFactor = new MfaSecondFactor { Otp = true, Sms = false },
            AccountRecovery = AccountRecovery.EMAIL_ONLY,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        // A public client (no secret): a browser or a command line signs in with SRP or the authorization code flow.
        Client = UserPool.AddClient("Shop", new UserPoolClientOptions
        {
            UserPoolClientName = $"{settings.Prefix}-shop",
            GenerateSecret = false,
            AuthFlows = new AuthFlow { UserSrp = true },
            PreventUserExistenceErrors = true,
            AccessTokenValidity = Duration.Hours(1),
            IdTokenValidity = Duration.Hours(1),
            RefreshTokenValidity = Duration.Days(30),
        });

        _ = new CfnUserPoolGroup(this, "AdminGroup", new CfnUserPoolGroupProps
        {
            UserPoolId = UserPool.UserPoolId,
            GroupName = AdminGroup,
            Description = "May change the catalog and read payments",
        });

        _ = new CfnOutput(this, "Authority", new CfnOutputProps { Value = Authority, Description = "Auth__Authority of the gateway and the services" });
        _ = new CfnOutput(this, "ClientId", new CfnOutputProps { Value = Client.UserPoolClientId });
    }
}
