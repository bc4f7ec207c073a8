using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Stores a JSON document in one or more string columns. Table Storage limits a string property to 64 KiB (32K UTF-16
/// characters) and an entity to 1 MiB, so a long document is split into Name, Name1, Name2… with NameParts as the count.
/// </summary>
internal static class JsonColumns
{
    // Below the 32,768-character limit, leaving room for nothing else to matter.
    private const int ChunkChars = 30_000;
    // Keep clear of the 1 MiB entity limit (strings are stored as UTF-16) together with the other columns.
    private const int MaxTotalChars = 400_000;

    public static void Write<T>(TableEntity entity, string name, T? value)
    {
        if (value is null) return;
        var json = JsonSerializer.Serialize(value, StorageJson.Options);
        if (json.Length > MaxTotalChars)
            throw new InvalidOperationException(
                $"{name} is {json.Length} characters of JSON; a table entity cannot hold more than {MaxTotalChars}.");

        var parts = 0;
        for (var start = 0; start < json.Length; parts++)
        {
            var length = Math.Min(ChunkChars, json.Length - start);
            // Never cut a surrogate pair in two: each part must be valid UTF-16 on its own.
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1])) length--;
            entity[PartName(name, parts)] = json.Substring(start, length);
            start += length;
        }
        entity[name + "Parts"] = parts;
    }

    public static T? Read<T>(TableEntity entity, string name)
    {
        var parts = entity.GetInt32(name + "Parts");
        if (parts is null or 0)
        {
            // A single-part value written without a count is still readable.
            var single = entity.GetString(name);
            return single is null ? default : JsonSerializer.Deserialize<T>(single, StorageJson.Options);
        }

        var json = string.Concat(Enumerable.Range(0, parts.Value).Select(i =>
            entity.GetString(PartName(name, i)) ?? throw new InvalidOperationException($"Stored {name} is missing part {i} of {parts}.")));
        return JsonSerializer.Deserialize<T>(json, StorageJson.Options);
    }

    private static string PartName(string name, int index) =>
        index == 0 ? name : name + index.ToString(CultureInfo.InvariantCulture);
}
