namespace Shop.ServiceDefaults.Paging;

/// <summary>One page of a list, as every service's list endpoints answer it.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);
