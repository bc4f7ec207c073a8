using System.Net;
using System.Text.Json;
using Fulfilment.Partners;

namespace Fulfilment.Channels.Ekm;

/// <summary>A failed EKM call: transport, authentication, rate limit or rejection. Built only by the factories below.</summary>
public sealed class EkmException : PartnerException
{
    public const string PartnerName = "EKM";
    private const int MaxDetailLength = 300;

    private EkmException(PartnerFailureKind kind, int? statusCode, string? partnerErrorCode, string message, Exception? inner = null)
        : base(PartnerName, kind, statusCode, partnerErrorCode, message, inner)
    {
    }

    /// <summary>
    /// Maps an API or identity-server error answer. <c>invalid_grant</c> means the merchant must consent again (the
    /// refresh token was used elsewhere, lapsed after 15 idle days, or was revoked by a password or permission change);
    /// <c>invalid_client</c>/<c>unauthorized_client</c> is our app's configuration, which a reconnect cannot fix.
    /// </summary>
    public static EkmException FromResponse(int statusCode, string? body)
    {
        var (code, detail) = ParseErrorBody(body);
        var kind = code switch
        {
            "invalid_grant" => PartnerFailureKind.Authentication,
            "invalid_client" or "unauthorized_client" or "invalid_scope" or "unsupported_grant_type" or "invalid_request" => PartnerFailureKind.Rejected,
            _ => statusCode switch
            {
                401 or 403 => PartnerFailureKind.Authentication,
                429 => PartnerFailureKind.RateLimited,
                408 or >= 500 => PartnerFailureKind.Transient,
                _ => PartnerFailureKind.Rejected,
            },
        };
        var message = code == "invalid_grant"
            ? "EKM refused the refresh token (invalid_grant): another application or a new consent used it, it lapsed after 15 days unused, or the merchant changed their password or the app's permissions."
            : detail is null
                ? $"EKM answered {statusCode} ({(HttpStatusCode)statusCode})."
                : $"EKM answered {statusCode}: {detail}";
        return new EkmException(kind, statusCode, code, message);
    }

    /// <summary>Reads the body of <paramref name="response"/> and maps it with <see cref="FromResponse(int, string?)"/>.</summary>
    public static async Task<EkmException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
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

    /// <summary>A call that got no answer: timeout, connection failure, an open circuit or an unreadable body. Always transient.</summary>
    public static EkmException FromTransportFailure(Exception failure) =>
        new(PartnerFailureKind.Transient, null, null, $"EKM could not be reached: {failure.GetType().Name}.", failure);

    /// <summary>The connection holds no tokens: the merchant must connect the store (again).</summary>
    public static EkmException MissingCredential() =>
        new(PartnerFailureKind.Authentication, null, null, "No EKM tokens are stored for this connection; connect the store again.");

    /// <summary>What we were asked to send cannot be a valid EKM request (a bad id or setting): retrying will not help.</summary>
    public static EkmException Invalid(string message) => new(PartnerFailureKind.Rejected, null, null, message);

    /// <summary>Reads <c>validation_result</c> messages, or an OAuth <c>{error, error_description}</c>.</summary>
    internal static (string? Code, string? Detail) ParseErrorBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, Truncate(body.Trim()));
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                return (error.GetString(), Truncate(description ?? error.GetString()!));
            }
            var messages = new List<string>();
            if (root.TryGetProperty("validation_result", out var results) && results.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in results.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("error_message", out var m) && m.ValueKind == JsonValueKind.String)
                        messages.Add(m.GetString()!);
                }
            }
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                messages.AddRange(errors.EnumerateObject().Select(p => $"{p.Name}: {p.Value}"));
            // A plan limit names itself in the errors (PlanRestrictionViolation).
            var code = messages.FirstOrDefault(m => m.Contains("PlanRestrictionViolation", StringComparison.Ordinal)) is null ? null : "PlanRestrictionViolation";
            return (code, messages.Count == 0 ? null : Truncate(string.Join("; ", messages)));
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy): keep a short excerpt.
            return (null, Truncate(body.Trim()));
        }
    }

    private static string Truncate(string s) => s.Length <= MaxDetailLength ? s : s[..MaxDetailLength] + "…";
}
