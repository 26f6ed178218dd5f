using System.ComponentModel.DataAnnotations;

namespace Shop.Gateway.Edge;

/// <summary>Limits at the front door (section <c>Edge</c>); a route may set a shorter or longer <c>Timeout</c> of its own.</summary>
public sealed class EdgeOptions
{
    public const string Section = "Edge";

    [Range(1, long.MaxValue, ErrorMessage = "Edge:MaxRequestBodyBytes must be positive.")]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Edge:DefaultTimeout must be between 100 ms and 10 minutes.")]
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
