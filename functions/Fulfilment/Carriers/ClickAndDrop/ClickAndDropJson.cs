using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>The JSON settings Click &amp; Drop's camelCase payloads need.</summary>
internal static class ClickAndDropJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
