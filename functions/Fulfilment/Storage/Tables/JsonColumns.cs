using System.Text.Json;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>Stores a JSON document in one or more string columns (see <see cref="TextColumns"/>).</summary>
internal static class JsonColumns
{
    public static void Write<T>(TableEntity entity, string name, T? value)
    {
        if (value is null) return;
        TextColumns.Write(entity, name, JsonSerializer.Serialize(value, StorageJson.Options));
    }

    public static T? Read<T>(TableEntity entity, string name) =>
        TextColumns.Read(entity, name) is { } json ? JsonSerializer.Deserialize<T>(json, StorageJson.Options) : default;
}
