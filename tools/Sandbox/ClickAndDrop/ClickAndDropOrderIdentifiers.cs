using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Sandbox.ClickAndDrop;

/// <summary>
/// The <c>{orderIdentifiers}</c> route parameter, bound from the raw request target. Routing matches the decoded path,
/// where <c>"A%3BB"</c> has already become <c>"A;B"</c> and cannot be split safely, so the binder takes the same
/// segment of the raw target (the route pattern says which) and parses that. Binding never fails: a malformed
/// segment carries its <see cref="ErrorCode"/> and <see cref="Error"/>, which the handler answers with Click &amp; Drop's 400.
/// </summary>
public sealed record ClickAndDropOrderIdentifiers(IReadOnlyList<ClickAndDropIdentifier> Items, string? ErrorCode = null, string? Error = null)
{
    /// <summary>The route parameter's name in every template that takes identifiers.</summary>
    public const string RouteParameter = "orderIdentifiers";

    public static ValueTask<ClickAndDropOrderIdentifiers?> BindAsync(HttpContext http, ParameterInfo parameter) =>
        ValueTask.FromResult<ClickAndDropOrderIdentifiers?>(FromRawSegment(RawSegment(http)));

    public static ClickAndDropOrderIdentifiers FromRawSegment(string? rawSegment)
    {
        if (string.IsNullOrEmpty(rawSegment))
            return new([], "InvalidOrderIdentifiers", "No order identifiers.");
        if (!ClickAndDropIdentifierParser.TryParse(rawSegment, out var items, out var error))
            return new([], "InvalidOrderIdentifiers", error ?? "Invalid order identifiers.");
        return items.Count > ClickAndDropIdentifierParser.MaxIdentifiers
            ? new([], "TooManyOrderIdentifiers", $"At most {ClickAndDropIdentifierParser.MaxIdentifiers} order identifiers per request.")
            : new(items);
    }

    /// <summary>The raw segment at the position of <see cref="RouteParameter"/> in the matched route pattern.</summary>
    private static string? RawSegment(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern })
            return null;
        var index = pattern.PathSegments.ToList().FindIndex(s => s.Parts.Any(p => p is RoutePatternParameterPart { Name: RouteParameter }));
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (index < 0 || string.IsNullOrEmpty(raw))
            return null;
        var rawSegments = raw.Split('?', 2)[0].TrimStart('/').Split('/');
        return index < rawSegments.Length ? rawSegments[index] : null;
    }
}
