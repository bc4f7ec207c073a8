using System.Text.Json;

namespace Demo;

/// <summary>The Values and Keys of a local.settings.json file.</summary>
public sealed record LocalSettings(IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string> Keys)
{
    public static LocalSettings Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var values = doc.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var keys = doc.RootElement.TryGetProperty("Keys", out var k)
            ? k.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>();
        return new LocalSettings(values, keys);
    }
}
