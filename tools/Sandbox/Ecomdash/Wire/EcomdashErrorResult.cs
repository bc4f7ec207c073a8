using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Ecomdash;

/// <summary>A non-envelope answer (gateway or Web API error, or a bare object) with an optional <c>Retry-After</c>.</summary>
internal sealed class EcomdashJsonResult(int statusCode, object body, int? retryAfterSeconds = null) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;
    public object Body => body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        if (retryAfterSeconds is { } seconds)
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(httpContext.Response.Body, body, body.GetType(), EcomdashJson.Api, httpContext.RequestAborted);
    }
}

/// <summary>An envelope answered with HTTP 200, kept as an object so the gateway can turn it into a Partial Success.</summary>
internal sealed class EnvelopeResult(EcomdashEnvelope envelope) : IResult, IStatusCodeHttpResult
{
    public EcomdashEnvelope Envelope => envelope;
    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) => new EcomdashJsonResult(StatusCodes.Status200OK, envelope).ExecuteAsync(httpContext);
}
