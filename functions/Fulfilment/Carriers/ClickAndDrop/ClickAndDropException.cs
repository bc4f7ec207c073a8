using System.Net;
using System.Text.Json;
using Fulfilment.Carriers.ClickAndDrop.Dtos;
using Fulfilment.Partners;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>A failed Click &amp; Drop call (transport, auth, rate limit, or a whole request refused). Built only by its factories.</summary>
public sealed class ClickAndDropException : PartnerException
{
    public const string PartnerName = "ClickAndDrop";

    private ClickAndDropException(PartnerFailureKind kind, int? statusCode, string? partnerErrorCode, string message, Exception? inner = null)
        : base(PartnerName, kind, statusCode, partnerErrorCode, message, inner)
    {
    }

    /// <summary>
    /// Classifies a non-success response. <paramref name="body"/> may be empty (401 has no body) or not JSON.
    /// 401/403 → Authentication, 429 → RateLimited, 408/5xx → Transient. Another 4xx is Rejected only when Click &amp; Drop
    /// wrote it (its ErrorResponse or per-order error array): the same status from a proxy, a wrong base URL or an error
    /// page says nothing about the request, so it is Transient. A 404 is always Transient here: callers that can be told
    /// "none of these exist" recognise Click &amp; Drop's own 404 before they get this far.
    /// </summary>
    public static ClickAndDropException FromResponse(HttpStatusCode statusCode, string? body, string operation)
    {
        var status = (int)statusCode;
        var (code, detail) = ParseError(body);
        var fromClickAndDrop = ClickAndDropErrorBody.IsClickAndDrops(body);
        var kind = status switch
        {
            401 or 403 => PartnerFailureKind.Authentication,
            429 => PartnerFailureKind.RateLimited,
            408 or >= 500 or 404 => PartnerFailureKind.Transient,
            _ => fromClickAndDrop ? PartnerFailureKind.Rejected : PartnerFailureKind.Transient,
        };
        var what = status switch
        {
            401 => "the API key was refused",
            403 => "the account may not use this feature",
            429 => "rate limited (more than the account's requests per second)",
            >= 400 and < 500 and not 408 when !fromClickAndDrop =>
                $"HTTP {status} that did not come from Click & Drop (check ClickAndDrop:BaseUrl and anything in between)",
            404 => "not found",
            _ => $"HTTP {status}",
        };
        var message = detail is null ? $"Click & Drop {operation}: {what}." : $"Click & Drop {operation}: {what}: {detail}";
        return new ClickAndDropException(kind, status, code, message);
    }

    /// <summary>
    /// A call that got no usable response: timeout, connection failure or open circuit. Always Transient; for a create this
    /// means the orders may or may not exist, so the pipeline must look them up by reference before sending them again.
    /// </summary>
    public static ClickAndDropException FromFailure(Exception failure, string operation) =>
        new(PartnerFailureKind.Transient, null, null, $"Click & Drop {operation}: no response ({failure.GetType().Name}).", failure);

    /// <summary>A 2xx label answer that is not a PDF: something other than Click &amp; Drop answered, so it is Transient.</summary>
    public static ClickAndDropException NotAPdf(string operation) =>
        new(PartnerFailureKind.Transient, 200, null, $"Click & Drop {operation}: the answer was not a PDF (check ClickAndDrop:BaseUrl and anything in between).");

    /// <summary>The account holds no API key: an Authentication failure, so the account is marked as needing credentials.</summary>
    public static ClickAndDropException MissingCredential(string accountId) =>
        new(PartnerFailureKind.Authentication, null, null, $"Click & Drop account {accountId} has no API key stored.");

    private static (string? Code, string? Detail) ParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return (null, null);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            // Per-order endpoints answer 400 with an array of {code, message}; take the first for the summary.
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
                root = root[0];
            if (root.ValueKind != JsonValueKind.Object)
                return (null, Shorten(body));
            var error = root.Deserialize(ClickAndDropJson.Default.ErrorResponse);
            var code = error?.Code is { } c ? (c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetRawText()) : null;
            var details = error?.Details is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } d
                ? (d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText())
                : null;
            var detail = string.Join(" ", new[] { error?.Message, details }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return (code, detail.Length == 0 ? null : Shorten(detail));
        }
        catch (JsonException)
        {
            return (null, Shorten(body));
        }
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
