using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;

namespace LocalHost.TestWorker;

/// <summary>HTTP functions that tell the caller exactly what reached the worker.</summary>
public sealed class EchoFunctions
{
    /// <summary>
    /// Answers with the request body bytes and content type, the status asked for in X-Echo-Status, and headers
    /// describing the request as the worker saw it.
    /// </summary>
    [Function("Echo")]
    public static async Task Echo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "put", Route = "echo/{id?}")] HttpRequest request, string? id)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var response = request.HttpContext.Response;
        response.StatusCode = int.TryParse(request.Headers["X-Echo-Status"], out var status) ? status : 200;
        response.Headers["X-Echo-Method"] = request.Method;
        response.Headers["X-Echo-Target"] = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        response.Headers["X-Echo-Id"] = id ?? "";
        response.Headers["X-Echo-Signature"] = request.Headers["X-Signature"].ToString();
        response.Headers["X-Echo-Host"] = request.Host.Value;
        response.Headers["X-Echo-Query-X"] = request.Query["x"].ToString();
        response.Headers["X-Echo-Invocation"] = request.Headers["x-ms-invocation-id"].ToString();
        response.Headers["X-Echo-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Worker-Pid"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Echo-Trace"] = Activity.Current?.TraceId.ToString() ?? "";
        if (request.ContentType is { } contentType)
            response.ContentType = contentType;
        await response.Body.WriteAsync(body.ToArray());
    }

    [Function("Open")]
    public static IResult Open([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open")] HttpRequest request) =>
        Results.Text("open ok");

    [Function("Secure")]
    public static IResult Secure([HttpTrigger(AuthorizationLevel.Function, "get", Route = "secure")] HttpRequest request) =>
        Results.Text("secure ok");

    [Function("StaffOnly")]
    public static IResult StaffOnly([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "staff/only")] HttpRequest request) =>
        Results.Text("admin ok");

    /// <summary>Sleeps for ?ms= milliseconds, for the functionTimeout tests.</summary>
    [Function("Slow")]
    public static async Task<IResult> Slow([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow")] HttpRequest request)
    {
        await Task.Delay(int.Parse(request.Query["ms"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        return Results.Text("slow done");
    }
}
