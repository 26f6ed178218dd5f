namespace Shop.ServiceDefaults.Data;

/// <summary>Settings of a service's relational store (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending EF Core migrations before the service starts listening.</summary>
    public bool Migrate { get; set; }
}
