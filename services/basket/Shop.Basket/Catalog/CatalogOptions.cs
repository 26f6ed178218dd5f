using System.ComponentModel.DataAnnotations;

namespace Shop.Basket.Catalog;

public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>Catalog's base address (<c>Catalog__BaseUrl</c>), e.g. <c>http://catalog:8080</c>.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }
}
