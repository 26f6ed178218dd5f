namespace Shop.ServiceDefaults.Paging;

/// <summary>The <c>page</c> and <c>pageSize</c> query parameters every list endpoint takes, and their bounds.</summary>
public static class PageQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxPage = 1_000_000;

    /// <summary>Adds an error per out-of-range parameter to <paramref name="errors"/>, named as the query spells it.</summary>
    public static Dictionary<string, string[]> Validate(int page, int pageSize, Dictionary<string, string[]>? errors = null)
    {
        errors ??= [];
        if (page is < 1 or > MaxPage)
        {
            errors["page"] = [$"page must be between 1 and {MaxPage}."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }

        return errors;
    }
}
