namespace Shop.Data;

/// <summary>
/// Settings of a service's relational store: section <c>Database</c> (e.g. <c>Database__Migrate</c>) and the
/// connection string <c>ConnectionStrings__{ConnectionName}</c>. Named after the connection, one per DbContext.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending EF Core migrations before the service starts listening.</summary>
    public bool Migrate { get; set; }

    /// <summary>Which connection string this is, e.g. <c>Catalog</c>; set by the registration, not bound.</summary>
    public string ConnectionName { get; set; } = "";

    /// <summary>The value of <c>ConnectionStrings:{ConnectionName}</c>; set by the registration, not bound.</summary>
    public string? ConnectionString { get; set; }
}
