using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>Stores a JSON document in one or more string columns (see <see cref="TextColumns"/>), with the storage wire format.</summary>
internal static class JsonColumns
{
    public static void Write<T>(TableEntity entity, string name, T? value, JsonTypeInfo<T> type)
    {
        if (value is null) return;
        TextColumns.Write(entity, name, JsonSerializer.Serialize(value, type));
    }

    public static T? Read<T>(TableEntity entity, string name, JsonTypeInfo<T> type) =>
        TextColumns.Read(entity, name) is { } json ? JsonSerializer.Deserialize(json, type) : default;
}
