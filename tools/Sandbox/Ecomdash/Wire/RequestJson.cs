using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Ecomdash;

/// <summary>
/// Reads a request body the way the back end's model binding would, but strictly: JSON only (415 otherwise), the
/// expected top-level shape, members matched case-insensitively (as Json.NET does) and unknown members refused, so a
/// misspelt filter fails loudly here instead of being silently ignored by the real API.
/// </summary>
internal static class RequestJson
{
    public static async Task<RequestObject> ReadObjectAsync(HttpRequest request)
    {
        var root = await ReadAsync(request);
        return RequestObject.From(root, "request");
    }

    public static async Task<IReadOnlyList<JsonElement>> ReadArrayAsync(HttpRequest request)
    {
        var root = await ReadAsync(request);
        if (root.ValueKind != JsonValueKind.Array)
            throw new InvalidRequestException("request", $"Expected a JSON array, found {Describe(root)}.");
        return root.EnumerateArray().ToList();
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static async Task<JsonElement> ReadAsync(HttpRequest request)
    {
        var mediaType = request.ContentType is { Length: > 0 } type ? type.Split(';')[0].Trim() : "application/octet-stream";
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase))
            throw new InvalidRequestException("request", "The body is not JSON.", mediaType);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException("request", $"The body is not valid JSON: {ex.Message}");
        }
    }
}

/// <summary>
/// One JSON object of a request, with typed reads that coerce like Json.NET (a number in a string is a number, an
/// empty string in an optional number is null) and refuse what it would refuse.
/// </summary>
internal sealed class RequestObject
{
    private readonly Dictionary<string, JsonElement> _members;

    private RequestObject(Dictionary<string, JsonElement> members, string path)
    {
        _members = members;
        Path = path;
    }

    public string Path { get; }

    public static RequestObject From(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new InvalidRequestException(path, $"Expected a JSON object, found {RequestJson.Describe(element)}.");
        var members = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
            members[property.Name] = property.Value;
        return new RequestObject(members, path);
    }

    /// <summary>Refuses any member not in <paramref name="names"/> (compared case-insensitively).</summary>
    public RequestObject AllowOnly(params string[] names)
    {
        var unknown = _members.Keys.FirstOrDefault(k => !names.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
            throw new InvalidRequestException($"{Path}.{unknown}", $"Could not find member '{unknown}'. Known members: {string.Join(", ", names)}.");
        return this;
    }

    public bool Has(string name) => _members.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string? String(string name)
    {
        if (!_members.TryGetValue(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(), // Json.NET turns a number into text for a string member
            _ => throw Invalid(name, $"Expected a string, found {RequestJson.Describe(value)}."),
        };
    }

    public decimal? Decimal(string name)
    {
        if (!_members.TryGetValue(name, out var value)) return null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when value.TryGetDecimal(out var number):
                return number;
            case JsonValueKind.String when value.GetString() is { Length: 0 }:
                return null; // Json.NET reads "" into an optional number as null
            case JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw Invalid(name, $"Could not convert {value.GetRawText()} to a decimal.");
        }
    }

    public int? Int(string name)
    {
        var number = Decimal(name);
        if (number is null) return null;
        if (number != decimal.Truncate(number.Value) || number < int.MinValue || number > int.MaxValue)
            throw Invalid(name, $"Could not convert {number} to an integer.");
        return (int)number.Value;
    }

    public bool? Bool(string name)
    {
        if (!_members.TryGetValue(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(name, $"Expected a boolean, found {RequestJson.Describe(value)}."),
        };
    }

    /// <summary>A date or date-time; one without an offset is taken as UTC.</summary>
    public DateTimeOffset? Date(string name)
    {
        var text = String(name);
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            return date;
        throw Invalid(name, $"Could not convert '{text}' to a DateTime.");
    }

    public RequestObject? Object(string name) =>
        _members.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? From(value, $"{Path}.{name}") : null;

    public IReadOnlyList<JsonElement>? Array(string name)
    {
        if (!_members.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array)
            throw Invalid(name, $"Expected an array, found {RequestJson.Describe(value)}.");
        return value.EnumerateArray().ToList();
    }

    private InvalidRequestException Invalid(string name, string problem) => new($"{Path}.{name}", problem);
}
