namespace Shop.Kubernetes.Tests.Policy;

/// <summary>An image reference: [registry[:port]/]repository[:tag][@digest].</summary>
public sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    /// <summary>The repository's last path segment: "catalog" for 123456789012.dkr.ecr…/shop-prod/catalog.</summary>
    public string Name => Repository[(Repository.LastIndexOf('/') + 1)..];

    public static ImageReference Parse(string image)
    {
        string? digest = null;
        if (image.IndexOf('@', StringComparison.Ordinal) is var at and >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }

        // A colon after the last slash separates the tag; one before it is a registry's port.
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? new(image[..colon], image[(colon + 1)..], digest) : new(image, null, digest);
    }
}
