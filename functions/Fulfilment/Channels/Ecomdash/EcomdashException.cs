using System.Net;
using System.Text.Json;
using Fulfilment.Partners;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>A failed Ecomdash call: transport, credentials, rate limit, a refused request or a Failure envelope. Built only by the factories below.</summary>
public sealed class EcomdashException : PartnerException
{
    public const string PartnerName = "Ecomdash";
    private const int MaxDetailLength = 300;

    /// <summary>What an operator is told when Ecomdash refuses a merchant's key (its 403 reads like an auth bug, channels.md D3).</summary>
    public const string RefusedCredentials =
        "Ecomdash refused the merchant's credentials: the ECD subscription key and application id pair is not valid, or the merchant's ecomdash subscription has lapsed. " +
        "Check the key (ecomdash: Administration → Settings → Tools) and the subscription, then connect again.";

    private EcomdashException(PartnerFailureKind kind, int? statusCode, string? partnerErrorCode, string message, Exception? inner = null)
        : base(PartnerName, kind, statusCode, partnerErrorCode, message, inner)
    {
    }

    /// <summary>Ecomdash's messages, when it answered with them (a Failure envelope, or an error body).</summary>
    public IReadOnlyList<string> Messages { get; private init; } = [];

    /// <summary>Maps an HTTP error answer to a failure kind, reading APIM's <c>{statusCode, message}</c> or Web API's <c>{Message}</c>.</summary>
    public static EcomdashException FromResponse(int statusCode, string? body, string operation)
    {
        var detail = ParseErrorBody(body);
        return statusCode switch
        {
            // APIM's own 401 is about OUR developer key, not the merchant's: nothing a merchant can fix, and it heals when
            // the setting is fixed, so it is retried later rather than disconnecting every merchant.
            401 => new(PartnerFailureKind.Transient, statusCode, "developer-key",
                $"Ecomdash's gateway refused our developer key (the Ecomdash__DeveloperKey setting) on {operation}: {detail ?? "401 Unauthorized"}"),
            403 => new(PartnerFailureKind.Authentication, statusCode, "ecd-subscription-key", $"{RefusedCredentials} ({detail ?? "403 Forbidden"})"),
            429 => new(PartnerFailureKind.RateLimited, statusCode, null, $"Ecomdash is rate limiting {operation}: {detail ?? "429 Too Many Requests"}"),
            408 or >= 500 => new(PartnerFailureKind.Transient, statusCode, null,
                $"Ecomdash answered {statusCode} ({(HttpStatusCode)statusCode}) to {operation}{(detail is null ? "." : $": {detail}")}"),
            _ => new(PartnerFailureKind.Rejected, statusCode, null,
                $"Ecomdash answered {statusCode} ({(HttpStatusCode)statusCode}) to {operation}{(detail is null ? "." : $": {detail}")}"),
        };
    }

    /// <summary>Reads the body of <paramref name="response"/> and maps it with <see cref="FromResponse(int, string?, string)"/>.</summary>
    public static async Task<EcomdashException> FromResponseAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
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
        return FromResponse((int)response.StatusCode, body, operation);
    }

    /// <summary>HTTP 200 with a Failure envelope: Ecomdash refused the request itself; the same request will not do better.</summary>
    public static EcomdashException Refused(string operation, IReadOnlyList<string> messages) =>
        new(PartnerFailureKind.Rejected, 200, "Failure",
            $"Ecomdash refused {operation}: {Truncate(messages.Count == 0 ? "(no message)" : string.Join(" ", messages))}")
        {
            Messages = messages,
        };

    /// <summary>A call that got no answer, or an answer we cannot read: timeout, connection failure, open circuit, broken JSON.</summary>
    public static EcomdashException FromTransportFailure(Exception failure, string operation) =>
        new(PartnerFailureKind.Transient, null, null, $"Ecomdash could not be reached for {operation}: {failure.GetType().Name}.", failure);

    /// <summary>The connection has no ECD subscription key stored.</summary>
    public static EcomdashException MissingCredential() =>
        new(PartnerFailureKind.Authentication, null, null, "No Ecomdash ECD subscription key is stored for this connection; connect the store again with the merchant's key.");

    /// <summary>What we were asked to send, or what Ecomdash sent, cannot work (a bad id or setting): retrying will not help.</summary>
    public static EcomdashException Invalid(string message) => new(PartnerFailureKind.Rejected, null, null, message);

    internal static string? ParseErrorBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    if (string.Equals(property.Name, "message", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                    {
                        var message = property.Value.GetString()!;
                        // Web API's model errors: {"Message":"The request is invalid.","ModelState":{"request.X":["…"]}}
                        if (doc.RootElement.TryGetProperty("ModelState", out var state) && state.ValueKind == JsonValueKind.Object)
                            message += " " + string.Join(" ", state.EnumerateObject().SelectMany(p => p.Value.ValueKind == JsonValueKind.Array
                                ? p.Value.EnumerateArray().Select(e => $"{p.Name}: {e}") : [$"{p.Name}: {p.Value}"]));
                        return Truncate(message);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML page from a proxy): keep a short excerpt.
        }
        return Truncate(body.Trim());
    }

    private static string Truncate(string s) => s.Length <= MaxDetailLength ? s : s[..MaxDetailLength] + "…";
}
