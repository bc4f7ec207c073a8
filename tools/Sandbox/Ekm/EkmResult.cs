using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Sandbox.Ekm;

/// <summary>
/// An answer of the simulated EKM: a status, optional headers and an optional body in EKM's wire format. It exposes
/// its status code up front so the request log can record it before the body is written (no race with the client).
/// </summary>
internal sealed class EkmResult(int statusCode, object? body = null, JsonSerializerOptions? json = null, string? contentType = null) : IResult, IStatusCodeHttpResult
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    public int StatusCode { get; } = statusCode;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public object? Body { get; } = body;

    public EkmResult WithHeader(string name, string value)
    {
        _headers.Add(new(name, value));
        return this;
    }

    public static EkmResult Empty(int statusCode) => new(statusCode);

    public static EkmResult Json(int statusCode, object body) => new(statusCode, body);

    public static EkmResult Control(object body, int statusCode = StatusCodes.Status200OK) => new(statusCode, body, EkmJson.Control);

    public static EkmResult Html(int statusCode, string html) => new(statusCode, html, contentType: "text/html; charset=utf-8");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in _headers)
            response.Headers[name] = value;
        switch (Body)
        {
            case null:
                return;
            case string text when contentType is not null:
                response.ContentType = contentType;
                await response.WriteAsync(text, httpContext.RequestAborted);
                return;
            default:
                response.ContentType = contentType ?? "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), json ?? EkmJson.Wire, httpContext.RequestAborted);
                return;
        }
    }
}
