using System.Globalization;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Stores a long text in one or more string columns. Table Storage limits a string property to 64 KiB (32K UTF-16
/// characters) and an entity to 1 MiB, so a long text is split into Name, Name1, Name2… with NameParts as the count.
/// </summary>
internal static class TextColumns
{
    // Below the 32,768-character limit, leaving room for nothing else to matter.
    private const int ChunkChars = 30_000;
    // Keep clear of the 1 MiB entity limit (strings are stored as UTF-16) together with the other columns.
    public const int MaxTotalChars = 400_000;

    public static void Write(TableEntity entity, string name, string text)
    {
        if (text.Length > MaxTotalChars)
            throw new InvalidOperationException($"{name} is {text.Length} characters; a table entity cannot hold more than {MaxTotalChars}.");
        var parts = 0;
        for (var start = 0; start < text.Length; parts++)
        {
            var length = Math.Min(ChunkChars, text.Length - start);
            // Never cut a surrogate pair in two: each part must be valid UTF-16 on its own.
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1])) length--;
            entity[PartName(name, parts)] = text.Substring(start, length);
            start += length;
        }
        entity[name + "Parts"] = parts;
    }

    public static string? Read(TableEntity entity, string name)
    {
        var parts = entity.GetInt32(name + "Parts");
        if (parts is null or 0)
            return entity.GetString(name); // a single-part value written without a count is still readable
        return string.Concat(Enumerable.Range(0, parts.Value).Select(i =>
            entity.GetString(PartName(name, i)) ?? throw new InvalidOperationException($"Stored {name} is missing part {i} of {parts}.")));
    }

    private static string PartName(string name, int index) =>
        index == 0 ? name : name + index.ToString(CultureInfo.InvariantCulture);
}
