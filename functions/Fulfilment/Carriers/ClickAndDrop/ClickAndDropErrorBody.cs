using System.Text.Json;
using Fulfilment.Carriers.ClickAndDrop.Dtos;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>
/// Tells Click &amp; Drop's own error bodies from anything else an HTTP status can come with (a proxy's page, a gateway's
/// JSON, nothing). Only Click &amp; Drop's own words may decide what happened to an order: "none of these exist",
/// "refused", "postage not applied yet".
/// </summary>
public static class ClickAndDropErrorBody
{
    private static readonly HashSet<string> ErrorResponseFields = new(StringComparer.OrdinalIgnoreCase) { "code", "message", "details" };

    /// <summary>
    /// The per-order endpoints' error array (the spec's OrderErrorResponse): a non-empty JSON array whose every element is
    /// an object with a string <c>code</c> or <c>message</c>. Gateways and web servers answer with objects or pages, not this.
    /// </summary>
    public static bool TryReadOrderErrors(string? body, out IReadOnlyList<OrderErrorResponse> errors)
    {
        errors = [];
        if (!TryParse(body, out var root) || root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
            return false;
        if (!root.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object && (HasString(e, "code") || HasString(e, "message"))))
            return false;
        errors = root.Deserialize(ClickAndDropJson.Default.ListOrderErrorResponse) ?? [];
        return errors.Count > 0;
    }

    /// <summary>
    /// The spec's ErrorResponse: a JSON object with a string <c>message</c> (its one required field) and nothing but
    /// <c>code</c>, <c>message</c> and <c>details</c>; a gateway's JSON (<c>{"statusCode":404,"message":…}</c>) has more.
    /// </summary>
    public static bool IsErrorResponse(string? body) =>
        TryParse(body, out var root) && root.ValueKind == JsonValueKind.Object && HasString(root, "message")
        && root.EnumerateObject().All(p => ErrorResponseFields.Contains(p.Name));

    /// <summary>Either of Click &amp; Drop's error shapes.</summary>
    public static bool IsClickAndDrops(string? body) => IsErrorResponse(body) || TryReadOrderErrors(body, out _);

    private static bool TryParse(string? body, out JsonElement root)
    {
        root = default;
        if (string.IsNullOrWhiteSpace(body))
            return false;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HasString(JsonElement element, string name) =>
        element.EnumerateObject().Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String);
}
