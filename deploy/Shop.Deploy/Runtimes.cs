using Amazon.CDK.AWS.Lambda;

namespace Shop.Deploy;

public static class Runtimes
{
    /// <summary>CDK 2.160 predates the constant; Node.js 20 is deprecated for new functions.</summary>
    public static Runtime NodeJs22 { get; } = new("nodejs22.x", RuntimeFamily.NODEJS, new LambdaRuntimeProps { SupportsInlineCode = true });
}
