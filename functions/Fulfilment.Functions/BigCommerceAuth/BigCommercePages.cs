using System.Net;

namespace Fulfilment.Functions.BigCommerceAuth;

/// <summary>The small HTML pages BigCommerce shows in its control-panel iframe after our callbacks.</summary>
internal static class BigCommercePages
{
    public static IResult Page(int statusCode, string title, string message) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
        <body style="font-family: system-ui, sans-serif; margin: 2rem;">
        <h1>{WebUtility.HtmlEncode(title)}</h1>
        <p>{WebUtility.HtmlEncode(message)}</p>
        </body></html>
        """, "text/html; charset=utf-8", statusCode: statusCode);
}
