using System.Net;

namespace Fulfilment.Partners;

/// <summary>
/// An HTTP request a partner sent us (an OAuth callback, a signed app callback, a webhook), as the function received it:
/// the route's action, the method, query, headers and the raw body (signatures are computed over the exact bytes).
/// </summary>
public sealed record PartnerHttpRequest(
    string Action,
    string Method,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body)
{
    public string QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : "";

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What we answer a partner's request with: a status, a content type and a body (and any headers, e.g. Location).</summary>
public sealed record PartnerHttpResponse(int StatusCode, string ContentType, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A small HTML page for a merchant's browser (after an install or an OAuth consent).</summary>
    public static PartnerHttpResponse Page(int statusCode, string title, string message) => new(statusCode, "text/html; charset=utf-8",
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
        <body style="font-family: system-ui, sans-serif; margin: 2rem;">
        <h1>{WebUtility.HtmlEncode(title)}</h1>
        <p>{WebUtility.HtmlEncode(message)}</p>
        </body></html>
        """);

    /// <summary>An empty answer a partner's server reads only the status of.</summary>
    public static PartnerHttpResponse Status(int statusCode) => new(statusCode, "text/plain; charset=utf-8", "");

    public static PartnerHttpResponse Redirect(string location) =>
        new(302, "text/plain; charset=utf-8", "", new Dictionary<string, string> { ["Location"] = location });
}

/// <summary>
/// A partner's handler of the HTTP requests it sends us, reached through the partner-neutral routes
/// (<c>channels/{channel}/{action}</c>, <c>carriers/{carrier}/webhook</c>) by the partner's name.
/// </summary>
public interface IPartnerCallbacks
{
    /// <summary>The partner's name as its descriptor gives it (matched without regard to case).</summary>
    string Partner { get; }

    /// <summary>Handles one request. Anything a partner or an attacker could send must get a 4xx answer here, not an exception.</summary>
    Task<PartnerHttpResponse> HandleAsync(PartnerHttpRequest request, CancellationToken cancellationToken);
}

/// <summary>A channel's handler of <c>channels/{channel}/{action}</c> (install and OAuth callbacks, signed app callbacks, order webhooks).</summary>
public interface IChannelCallbacks : IPartnerCallbacks;

/// <summary>A carrier's handler of <c>carriers/{carrier}/webhook</c> (tracking events).</summary>
public interface ICarrierWebhooks : IPartnerCallbacks;
