using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulfilment.Storage;

/// <summary>The one JSON shape we store and enqueue: web defaults (camelCase) with enums as strings, so stored rows stay readable.</summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
