using Microsoft.AspNetCore.Http;

namespace Sandbox.Ekm;

/// <summary>
/// The Partner API's response envelope, <c>{meta, links, validation_result, errors, data}</c>, for single items,
/// pages and validation failures (the spec's TempestResponse* and TempestValidationError).
/// </summary>
internal static class EkmEnvelope
{
    /// <summary>TempestResponse&lt;T&gt;; property order as EKM writes it.</summary>
    public sealed record Body(
        IReadOnlyDictionary<string, object> Meta,
        IReadOnlyList<Link> Links,
        IReadOnlyList<ValidationError>? ValidationResult,
        IReadOnlyDictionary<string, string>? Errors,
        object? Data);

    /// <summary>TempestLink: rel "current" or "next".</summary>
    public sealed record Link(string Rel, string Href);

    /// <summary>TempestValidationError; member_names is null for errors about the request as a whole.</summary>
    public sealed record ValidationError(IReadOnlyList<string>? MemberNames, string ErrorMessage);

    private static readonly IReadOnlyDictionary<string, object> NoMeta = new Dictionary<string, object>();

    public static EkmResult Ok(object? data) => EkmResult.Json(StatusCodes.Status200OK, new Body(NoMeta, [], null, null, data));

    public static EkmResult Created(object data) => EkmResult.Json(StatusCodes.Status201Created, new Body(NoMeta, [], null, null, data));

    /// <summary>A page of items with meta counts and current/next links (href format from the spec example: UNCONFIRMED).</summary>
    public static EkmResult Page<T>(IReadOnlyList<T> items, EkmPaging paging, int total, Func<int, string> hrefForPage)
    {
        var pagesTotal = total == 0 ? 0 : (total + paging.Limit - 1) / paging.Limit;
        var meta = new Dictionary<string, object>
        {
            ["pages_total"] = pagesTotal,
            ["items_total"] = total,
            ["items_per_page"] = paging.Limit,
        };
        var links = new List<Link> { new("current", hrefForPage(paging.Page)) };
        if (paging.Page < pagesTotal)
            links.Add(new Link("next", hrefForPage(paging.Page + 1)));
        var data = items.Skip((paging.Page - 1) * paging.Limit).Take(paging.Limit).ToList();
        return EkmResult.Json(StatusCodes.Status200OK, new Body(meta, links, null, null, data));
    }

    /// <summary>A list that is not paged by the client (e.g. an order's items) in the paged envelope, as one page.</summary>
    public static EkmResult All<T>(IReadOnlyList<T> items, string href) =>
        Page(items, new EkmPaging(1, Math.Max(1, items.Count)), items.Count, _ => href);

    public static EkmResult Invalid(int statusCode, string? member, string message) =>
        EkmResult.Json(statusCode, new Body(NoMeta, [], [new ValidationError(member is null ? null : [member], message)], null, null));

    public static EkmResult BadRequest(string? member, string message) => Invalid(StatusCodes.Status400BadRequest, member, message);

    public static EkmResult NotFound(string member, string message) => Invalid(StatusCodes.Status404NotFound, member, message);

    /// <summary>The spec's answer to a search query it cannot parse.</summary>
    public static EkmResult InvalidSearch() => BadRequest(null, "Invalid search expression");
}
