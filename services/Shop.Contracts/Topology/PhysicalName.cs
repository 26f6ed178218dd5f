namespace Shop.Contracts.Topology;

public static class PhysicalName
{
    /// <summary><c>shop-dev</c> + <c>ordering-events</c> = <c>shop-dev-ordering-events</c>: one account can hold several environments.</summary>
    public static string Of(string prefix, string logicalName) =>
        string.IsNullOrEmpty(prefix) ? logicalName : $"{prefix}-{logicalName}";
}
