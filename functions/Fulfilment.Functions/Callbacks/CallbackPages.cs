using System.Net;

namespace Fulfilment.Functions.Callbacks;

/// <summary>The small HTML pages a channel shows the merchant after our callbacks (BigCommerce in its control-panel iframe).</summary>
internal static class CallbackPages
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
