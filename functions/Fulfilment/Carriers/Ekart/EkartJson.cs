using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulfilment.Carriers.Ekart;

/// <summary>The JSON settings Ekart's snake_case payloads need.</summary>
internal static class EkartJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
