using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sandbox.Ekart;

/// <summary>
/// Reads Ekart request fields the way a Jackson-bound Java service does: scalars are coerced (a number where a string is
/// expected is fine, and so is a numeric string where a number is expected), but an object or array where a scalar
/// belongs makes the whole body unreadable, which Durin answers with a 400 for the request rather than a per-shipment
/// rejection.
/// </summary>
internal static class EkartJson
{
    /// <summary>Options for the control endpoints and snapshots: camelCase, enums as camelCase strings.</summary>
    public static readonly JsonSerializerOptions Control = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>A scalar as text; null when absent or JSON null. Throws <see cref="EkartMalformedRequestException"/> for objects and arrays.</summary>
    public static string? Text(JsonNode? node, string field)
    {
        if (node is null) return null;
        if (node is not JsonValue value)
            throw new EkartMalformedRequestException($"'{field}' must be a scalar value.");
        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        };
    }

    /// <summary>A decimal from a JSON number or a numeric string; false when absent, blank or not a number.</summary>
    public static bool TryNumber(JsonNode? node, string field, out decimal number)
    {
        number = 0;
        var text = Text(node, field)?.Trim();
        return !string.IsNullOrEmpty(text)
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out number);
    }

    /// <summary>The object at <paramref name="field"/>; null when absent or JSON null; throws when it is not an object.</summary>
    public static JsonObject? Object(JsonObject parent, string field) => parent[field] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw new EkartMalformedRequestException($"'{field}' must be an object."),
    };

    /// <summary>The array at <paramref name="field"/>; null when absent or JSON null; throws when it is not an array.</summary>
    public static JsonArray? Array(JsonObject parent, string field) => parent[field] switch
    {
        null => null,
        JsonArray a => a,
        _ => throw new EkartMalformedRequestException($"'{field}' must be an array."),
    };

    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A request body Durin could not bind at all: answered 400 for the whole request.</summary>
internal sealed class EkartMalformedRequestException(string message) : Exception(message);
