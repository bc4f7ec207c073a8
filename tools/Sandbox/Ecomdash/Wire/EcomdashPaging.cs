namespace Sandbox.Ecomdash;

/// <summary>
/// <c>pageNumber</c> / <c>resultsPerPage</c> as the portal describes them: default 25, at most 200 returned per call
/// (a larger request is served 200, and the page count reflects that), both at least 1.
/// </summary>
internal readonly record struct EcomdashPaging(int PageNumber, int ResultsPerPage)
{
    public const int DefaultResultsPerPage = 25;
    public const int MaxResultsPerPage = 200;

    /// <summary>The paging to use, or the Failure messages explaining why the values are unusable.</summary>
    public static (EcomdashPaging Paging, string? Problem) From(int? pageNumber, int? resultsPerPage)
    {
        if (pageNumber is < 1)
            return (default, $"pageNumber must be 1 or more; {pageNumber} was given.");
        if (resultsPerPage is < 1)
            return (default, $"resultsPerPage must be 1 or more; {resultsPerPage} was given.");
        return (new EcomdashPaging(pageNumber ?? 1, Math.Min(resultsPerPage ?? DefaultResultsPerPage, MaxResultsPerPage)), null);
    }

    public (IReadOnlyList<T> Items, EcomdashPagination Pagination) Apply<T>(IReadOnlyList<T> all)
    {
        var pages = (all.Count + ResultsPerPage - 1) / ResultsPerPage;
        var skip = (long)(PageNumber - 1) * ResultsPerPage; // long: a fuzzed pageNumber must not wrap round to page 1
        List<T> items = skip >= all.Count ? [] : all.Skip((int)skip).Take(ResultsPerPage).ToList();
        return (items, new EcomdashPagination(PageNumber, all.Count, pages));
    }
}
