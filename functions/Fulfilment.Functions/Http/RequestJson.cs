using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Fulfilment.Functions.Http;

/// <summary>A request body that was read, or the 4xx answer that says why it could not be.</summary>
public readonly record struct RequestBody<T>(T? Value, IResult? Problem)
{
    [MemberNotNullWhen(true, nameof(Problem))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Failed => Problem is not null;
}

/// <summary>
/// Reads JSON request bodies with clear 4xx answers: 415 for another content type, 400 for an empty body, malformed
/// JSON, a wrong type or an unknown property (with the JSON path and position), never an exception.
/// </summary>
public static class RequestJson
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static async Task<RequestBody<T>> ReadAsync<T>(HttpRequest request, string expected)
    {
        if (!request.HasJsonContentType())
            return new(default, UnsupportedMediaType(request, "application/json"));
        T? value;
        try
        {
            // Read whole and checked first: a JsonElement keeps invalid UTF-8 unread until a handler reads that
            // string, where it throws (a 500) instead of this 400.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
            var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
            if (bytes.StartsWith(Utf8Bom))
                bytes = bytes[Utf8Bom.Length..]; // as the stream reader allowed
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
                return new(default, ApiResults.BadRequest($"The body is not valid UTF-8 JSON: expected {expected}."));
            value = JsonSerializer.Deserialize<T>(bytes, ApiResults.RequestJson);
        }
        catch (JsonException ex)
        {
            return new(default, ApiResults.BadRequest($"The body is not valid JSON for this request: expected {expected}.", [Describe(ex)]));
        }
        catch (BadHttpRequestException ex)
        {
            return new(default, ApiResults.Error(ex.StatusCode, "The request body could not be read.", [ex.Message]));
        }
        if (value is null || value is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
            return new(default, ApiResults.BadRequest($"The body is null: expected {expected}."));
        return new(value, null);
    }

    /// <summary>For endpoints that take no body: an absent or empty body, or a JSON {} is fine; anything else is a 400.</summary>
    public static async Task<IResult?> EnsureNoBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        // At most a few bytes are expected; a larger body is refused without reading all of it.
        var chunk = new byte[4096];
        var read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted);
        if (read == 0)
            return null;
        var text = System.Text.Encoding.UTF8.GetString(chunk, 0, read).Trim();
        if (text.Length == 0)
            return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && !doc.RootElement.EnumerateObject().Any())
                return null;
            return ApiResults.BadRequest("This request takes no body: send none, or {}.");
        }
        catch (JsonException ex)
        {
            return ApiResults.BadRequest("The body is not valid JSON; this request takes no body: send none, or {}.", [Describe(ex)]);
        }
    }

    public static IResult UnsupportedMediaType(HttpRequest request, params string[] accepted) =>
        ApiResults.Error(StatusCodes.Status415UnsupportedMediaType,
            $"Content-Type must be {string.Join(" or ", accepted)}.",
            [string.IsNullOrEmpty(request.ContentType) ? "The request has no Content-Type." : $"The request's Content-Type is '{request.ContentType}'."]);

    /// <summary>The parser's message, which names the JSON path and position (never a value we would echo back).</summary>
    public static string Describe(JsonException ex) =>
        ex.Message.Replace("Path: $ | ", "", StringComparison.Ordinal);
}
