using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Sandbox.BigCommerce.Api;

/// <summary>An answer of the v2 API: a status, an optional JSON body written as BigCommerce writes it, and headers.</summary>
internal sealed class V2Result(int statusCode, object? body = null) : IResult, IStatusCodeHttpResult
{
    // Relaxed escaping so "+0000" is written as BigCommerce writes it, not as \u002B0000.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<(string Name, string Value)> _headers = [];

    public int StatusCode { get; } = statusCode;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>v2 errors are an array of {status, message}.</summary>
    public static V2Result Error(int status, string message) => new(status, new[] { new { status, message } });

    public static V2Result NotFound() => Error(404, "The requested resource was not found.");

    /// <summary>An empty list is 204 No Content, not [] (as v2 answers).</summary>
    public static V2Result List<T>(IReadOnlyList<T> items) => items.Count == 0 ? new V2Result(204) : new V2Result(200, items);

    public V2Result WithHeader(string name, string value)
    {
        _headers.Add((name, value));
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in _headers)
            response.Headers[name] = value;
        if (StatusCode == 204 || body is null)
            return;
        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(body, Json), httpContext.RequestAborted);
    }
}
