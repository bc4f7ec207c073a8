using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulfilment.Channels.Ekm.Dtos;

/// <summary>The JSON settings EKM payloads need: snake_case names, numbers that are sometimes strings.</summary>
internal static class EkmJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Webhook entity ids arrive as strings or numbers (UNCONFIRMED which); money may too.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
