using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sandbox.Ekm;

/// <summary>JSON as the Partner API writes it (snake_case, nulls kept) and as the sandbox controls write it (camelCase).</summary>
internal static class EkmJson
{
    /// <summary>The API's wire format. Relaxed escaping so "Order '1' not found." is written as EKM writes it.</summary>
    public static JsonSerializerOptions Wire { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The /_sandbox/ekm controls: camelCase like the other simulators' controls.</summary>
    public static JsonSerializerOptions Control { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
