using System.Net;
using System.Text.Json;
using Fulfilment.Partners;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>A failed BigCommerce call: transport, authentication, rate limit or rejection. Built only by the factories below.</summary>
public sealed class BigCommerceException : PartnerException
{
    public const string PartnerName = "BigCommerce";
    private const int MaxDetailLength = 300;

    private BigCommerceException(PartnerFailureKind kind, int? statusCode, string? partnerErrorCode, string message, Exception? inner = null)
        : base(PartnerName, kind, statusCode, partnerErrorCode, message, inner)
    {
    }

    /// <summary>Maps an HTTP error answer to a failure kind and reads BigCommerce's error body (v2 array, v3 object or login error).</summary>
    public static BigCommerceException FromResponse(int statusCode, string? body)
    {
        var kind = statusCode switch
        {
            401 or 403 => PartnerFailureKind.Authentication,
            429 => PartnerFailureKind.RateLimited,
            408 or >= 500 => PartnerFailureKind.Transient,
            _ => PartnerFailureKind.Rejected,
        };
        var (code, detail) = ParseErrorBody(body);
        var message = detail is null
            ? $"BigCommerce answered {statusCode} ({(HttpStatusCode)statusCode})."
            : $"BigCommerce answered {statusCode}: {detail}";
        return new BigCommerceException(kind, statusCode, code, message);
    }

    /// <summary>Reads the body of <paramref name="response"/> and maps it with <see cref="FromResponse(int, string?)"/>.</summary>
    public static async Task<BigCommerceException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? body = null;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The status alone still classifies the failure.
        }
        return FromResponse((int)response.StatusCode, body);
    }

    /// <summary>A call that got no answer: timeout, connection failure or an open circuit. Always transient.</summary>
    public static BigCommerceException FromTransportFailure(Exception failure) =>
        new(PartnerFailureKind.Transient, null, null, $"BigCommerce could not be reached: {failure.GetType().Name}.", failure);

    /// <summary>The connection has no access token stored: the merchant must (re)install the app.</summary>
    public static BigCommerceException MissingCredential() =>
        new(PartnerFailureKind.Authentication, null, null, "No BigCommerce access token is stored for this connection; reinstall the app.");

    /// <summary>What we were asked to send cannot be a valid BigCommerce request (a bad id or setting): retrying will not help.</summary>
    public static BigCommerceException Invalid(string message) => new(PartnerFailureKind.Rejected, null, null, message);

    internal static (string? Code, string? Detail) ParseErrorBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            // v2: [{"status":400,"message":"The field 'x' is invalid.","details":{...}}]
            if (root.ValueKind == JsonValueKind.Array)
            {
                var messages = new List<string>();
                string? code = null;
                foreach (var item in root.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                        continue;
                    if (item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                        messages.Add(m.GetString()!);
                    if (code is null && item.TryGetProperty("status", out var s))
                        code = s.ToString();
                }
                return (code, messages.Count == 0 ? null : Truncate(string.Join("; ", messages)));
            }
            if (root.ValueKind == JsonValueKind.Object)
            {
                // v3: {"status":422,"title":"...","type":"...","errors":{"field":"reason"}}
                if (root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
                {
                    var detail = title.GetString()!;
                    if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                    {
                        var parts = errors.EnumerateObject().Select(p => $"{p.Name}: {p.Value}").ToList();
                        if (parts.Count > 0)
                            detail += " (" + string.Join("; ", parts) + ")";
                    }
                    var code = root.TryGetProperty("code", out var c) ? c.ToString()
                        : root.TryGetProperty("type", out var t) ? t.ToString()
                        : root.TryGetProperty("status", out var st) ? st.ToString() : null;
                    return (code, Truncate(detail));
                }
                // Login (OAuth) errors: {"error":"invalid_grant","error_description":"..."}; UNCONFIRMED shape, read defensively.
                if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                {
                    var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                    return (error.GetString(), Truncate(description ?? error.GetString()!));
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy): keep a short excerpt.
        }
        return (null, Truncate(body.Trim()));
    }

    private static string Truncate(string s) => s.Length <= MaxDetailLength ? s : s[..MaxDetailLength] + "…";
}
