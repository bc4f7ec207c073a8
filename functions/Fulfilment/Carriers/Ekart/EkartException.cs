using System.Net;
using System.Text.Json;
using Fulfilment.Partners;

namespace Fulfilment.Carriers.Ekart;

/// <summary>A failed Ekart call (transport, auth, rate limit, or a whole request refused). Built only by its factories.</summary>
public sealed class EkartException : PartnerException
{
    public const string PartnerName = "Ekart";

    private EkartException(PartnerFailureKind kind, int? statusCode, string? partnerErrorCode, string message, Exception? inner = null)
        : base(PartnerName, kind, statusCode, partnerErrorCode, message, inner)
    {
    }

    /// <summary>
    /// Classifies a non-success answer. 401 → Authentication (an expired token is renewed before this is thrown);
    /// 403 → RateLimited when its body carries <paramref name="rateLimitText"/> (Ekart's documented rate-limit answer),
    /// else Authentication; 429 → RateLimited; 408/5xx → Transient; other 4xx → Rejected.
    /// </summary>
    public static EkartException FromResponse(HttpStatusCode statusCode, string? body, string operation, string rateLimitText)
    {
        var status = (int)statusCode;
        var detail = Detail(body);
        var rateLimited = status == 429 || (status == 403 && body?.Contains(rateLimitText, StringComparison.OrdinalIgnoreCase) == true);
        var kind = status switch
        {
            _ when rateLimited => PartnerFailureKind.RateLimited,
            401 or 403 => PartnerFailureKind.Authentication,
            408 or >= 500 => PartnerFailureKind.Transient,
            _ => PartnerFailureKind.Rejected,
        };
        var what = kind switch
        {
            PartnerFailureKind.RateLimited => "rate limited",
            PartnerFailureKind.Authentication => "the merchant code or token was refused",
            _ => $"HTTP {status}",
        };
        return new EkartException(kind, status, null, detail is null ? $"Ekart {operation}: {what}." : $"Ekart {operation}: {what}: {detail}");
    }

    /// <summary>No usable answer (timeout, connection failure, open circuit, unreadable body): Transient, so a create is looked up before any resend.</summary>
    public static EkartException FromFailure(Exception failure, string operation) =>
        new(PartnerFailureKind.Transient, null, null, $"Ekart {operation}: no usable response ({failure.GetType().Name}).", failure);

    /// <summary>The account lacks a required value: an Authentication failure, so the account is marked as needing credentials.</summary>
    public static EkartException MissingCredential(string accountId, string field) =>
        new(PartnerFailureKind.Authentication, null, null, $"Ekart account {accountId} has no {field} stored.");

    /// <summary>The message of an Ekart error body: "unauthorised", "forbidden", "message" or the text itself, shortened.</summary>
    private static string? Detail(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                foreach (var name in new[] { "unauthorised", "unauthorized", "forbidden", "message", "error", "description" })
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                        return Shorten(value.GetString()!);
        }
        catch (JsonException)
        {
        }
        return Shorten(body);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
