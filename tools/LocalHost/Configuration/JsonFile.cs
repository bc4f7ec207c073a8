using System.Globalization;
using System.Text.Json;

namespace LocalHost.Configuration;

/// <summary>Lenient readers for host.json / function.json: comments, trailing commas and case-insensitive names, as the real host accepts.</summary>
internal static class JsonFile
{
    public static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind != JsonValueKind.Object)
            return false;
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        }
        return false;
    }

    public static bool TryGetObject(JsonElement obj, string name, out JsonElement value) =>
        TryGet(obj, name, out value) && value.ValueKind == JsonValueKind.Object;

    public static bool TryGetArray(JsonElement obj, string name, out JsonElement value) =>
        TryGet(obj, name, out value) && value.ValueKind == JsonValueKind.Array;

    public static string? GetString(JsonElement obj, string name) =>
        TryGet(obj, name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
            _ => null,
        } : null;

    public static bool? GetBool(JsonElement obj, string name) =>
        TryGet(obj, name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(v.GetString(), out var b) => b,
            _ => null,
        } : null;

    public static int? GetInt(JsonElement obj, string name) =>
        TryGet(obj, name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetInt32(),
            JsonValueKind.String when int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        } : null;
}
