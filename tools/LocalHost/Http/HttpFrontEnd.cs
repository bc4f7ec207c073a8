using LocalHost.Invocation;
using LocalHost.Rpc;
using LocalHost.Triggers;
using LocalHost.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LocalHost.Http;

/// <summary>
/// The /api front door: one endpoint per HTTP-triggered function (route, methods, authLevel). Each call is an
/// invocation: the InvocationRequest carries an empty RpcHttp (as the real host sends to a worker that advertises
/// HttpUri) while the request itself is forwarded to the worker's HTTP endpoint.
/// </summary>
internal sealed class HttpFrontEnd : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpForwarder _forwarder;

    private HttpFrontEnd(WebApplication app, HttpForwarder forwarder, string baseUrl)
    {
        _app = app;
        _forwarder = forwarder;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<HttpFrontEnd> StartAsync(
        int port, string routePrefix, IReadOnlyList<HttpRoute> routes, HttpAuth auth, ExecuteInvocation execute, Action<string> log, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 100 * 1024 * 1024); // the real host's 100 MB
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        var app = builder.Build();
        var forwarder = new HttpForwarder();

        foreach (var route in routes)
        {
            var pattern = route.Pattern(routePrefix);
            var endpoint = app.Map(pattern, new RouteHandler(route, auth, forwarder, execute).HandleAsync);
            if (route.Methods.Count > 0)
                endpoint.WithMetadata(new HttpMethodMetadata(route.Methods));
            log($"  {route.Function.Name}: [{(route.Methods.Count > 0 ? string.Join(",", route.Methods) : "*")}] {pattern} ({route.AuthLevel})");
        }
        app.MapFallback(ctx =>
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        await app.StartAsync(ct);
        return new HttpFrontEnd(app, forwarder, app.Urls.First().TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(cts.Token);
        }
        catch (OperationCanceledException) { }
        await _app.DisposeAsync();
        _forwarder.Dispose();
    }

    private sealed class RouteHandler(HttpRoute route, HttpAuth auth, HttpForwarder forwarder, ExecuteInvocation execute)
    {
        public async Task HandleAsync(HttpContext ctx)
        {
            if (!auth.IsAuthorised(ctx.Request, route.AuthLevel))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; // no body, like the real host
                return;
            }
            var input = new InvocationInput(new TypedData { Http = new RpcHttp() }, HttpTriggerMetadata.For(ctx.Request), ctx.Request.Headers["traceparent"].FirstOrDefault());
            var outcome = await execute(route.Function, input, Forward, ctx.RequestAborted);
            if (outcome.Status != InvocationStatus.Succeeded && !ctx.Response.HasStarted)
                ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;

            Task<string?> Forward(WorkerInstance worker, string invocationId, CancellationToken ct) =>
                worker.HttpUri is { } uri
                    ? forwarder.ForwardAsync(ctx, uri, invocationId, ct)
                    : Task.FromResult<string?>("The worker did not advertise an HttpUri: the local host supports HTTP functions only with ASP.NET Core integration (ConfigureFunctionsWebApplication).");
        }
    }
}
