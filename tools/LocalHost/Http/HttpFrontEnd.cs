using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalHost.Configuration;
using LocalHost.Handler;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LocalHost.Http;

/// <summary>Runs a payload-mode invocation and returns both the reported result and the handler's answer.</summary>
internal delegate Task<(InvocationResult Result, InvocationOutcome? Outcome)> InvokeForOutcome(
    FunctionDefinition function, JsonObject data, JsonObject metadata, CancellationToken ct);

/// <summary>Tracks a forwarded request as an invocation; the work returns an error message or null.</summary>
internal delegate Task<InvocationResult> TrackInvocation(
    FunctionDefinition function, Func<Guid, CancellationToken, Task<string?>> work, CancellationToken ct);

/// <summary>
/// The /api front door: routes from function.json, authLevel, and either forwarding the original request to the
/// handler (enableForwardingHttpRequest, httpTrigger + http output only) or the {Data.req} → Outputs.res payload mode.
/// </summary>
internal sealed class HttpFrontEnd : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
    };

    private readonly WebApplication _app;

    private HttpFrontEnd(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<HttpFrontEnd> StartAsync(
        int port, HostConfig host, IReadOnlyList<FunctionDefinition> functions, HttpAuth auth, HttpClient handlerClient,
        Func<Uri> handlerBase, InvokeForOutcome invoke, TrackInvocation track, Action<string> log, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 100 * 1024 * 1024); // the real host's 100 MB
        builder.Logging.ClearProviders();
        // The embedded web app must not take over Ctrl+C/SIGTERM: stopping is the owner's decision (Program.cs or a test).
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        var app = builder.Build();

        foreach (var function in functions.Where(f => f.Trigger.Is("httpTrigger")))
        {
            var trigger = function.Trigger;
            var route = (trigger.Get("route") ?? function.Name).Trim('/');
            var pattern = host.RoutePrefix.Length == 0 ? "/" + route : $"/{host.RoutePrefix}/{route}";
            var authLevel = trigger.Get("authLevel") ?? "function";
            var forwarded = host.EnableForwardingHttpRequest
                && function.Bindings.Count == 2
                && function.Bindings.Count(b => b.Is("http") && b.IsOutput) == 1;
            var context = new RouteContext(function, authLevel, forwarded, auth, handlerClient, handlerBase, invoke, track);
            var endpoint = app.Map(pattern, context.HandleAsync);
            if (JsonFile.TryGetArray(trigger.Raw, "methods", out var methods))
                endpoint.WithMetadata(new HttpMethodMetadata(methods.EnumerateArray().Select(m => (m.GetString() ?? "").ToUpperInvariant()).ToList()));
            log($"  {function.Name}: [{(JsonFile.TryGetArray(trigger.Raw, "methods", out var ms) ? string.Join(",", ms.EnumerateArray().Select(m => m.GetString()?.ToUpperInvariant())) : "*")}] {pattern} ({authLevel}{(forwarded ? ", forwarded" : "")})");
        }
        app.MapFallback(ctx =>
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        await app.StartAsync(ct);
        var address = app.Urls.First().TrimEnd('/');
        return new HttpFrontEnd(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed record RouteContext(
        FunctionDefinition Function, string AuthLevel, bool Forwarded, HttpAuth Auth, HttpClient Client,
        Func<Uri> HandlerBase, InvokeForOutcome Invoke, TrackInvocation Track)
    {
        public async Task HandleAsync(HttpContext ctx)
        {
            if (!Auth.IsAuthorised(ctx.Request, AuthLevel))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; // no body, like the real host
                return;
            }
            if (Forwarded)
                await ForwardAsync(ctx);
            else
                await PayloadAsync(ctx);
        }

        private async Task ForwardAsync(HttpContext ctx)
        {
            HttpResponseMessage? response = null;
            await Track(Function, async (invocationId, ct) =>
            {
                var target = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (ctx.Request.Path + ctx.Request.QueryString).ToString();
                using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), new Uri(HandlerBase(), target.TrimStart('/')));
                var hasBody = ctx.Request.ContentLength > 0 || ctx.Request.Headers.TransferEncoding.Count > 0;
                if (hasBody)
                    request.Content = new StreamContent(ctx.Request.Body);
                foreach (var (name, values) in ctx.Request.Headers)
                {
                    if (HopByHop.Contains(name))
                        continue;
                    if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                        request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
                HandlerInvoker.AddHostHeaders(request, invocationId);
                // The client's own User-Agent travels unchanged; AddHostHeaders replaced it, so put it back.
                if (ctx.Request.Headers.UserAgent.Count > 0)
                {
                    request.Headers.Remove("User-Agent");
                    request.Headers.TryAddWithoutValidation("User-Agent", (IEnumerable<string?>)ctx.Request.Headers.UserAgent);
                }
                try
                {
                    response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    return null;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    return $"Forwarding to the handler failed: {ex.Message}";
                }
            }, ctx.RequestAborted);

            using (response)
            {
                if (response is null)
                {
                    ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    return;
                }
                ctx.Response.StatusCode = (int)response.StatusCode;
                foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                    if (!HopByHop.Contains(name))
                        ctx.Response.Headers[name] = values.ToArray();
                await response.Content.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
            }
        }

        private async Task PayloadAsync(HttpContext ctx)
        {
            var request = ctx.Request;
            var triggerName = Function.Trigger.Name;
            var query = new JsonObject();
            foreach (var (k, v) in request.Query)
                query[k] = v.ToString(); // comma-joined, as the real host's query dictionary
            var headers = new JsonObject();
            var headerMetadata = new JsonObject();
            foreach (var (k, v) in request.Headers)
            {
                headers[k] = new JsonArray(v.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
                headerMetadata[k] = v.ToString();
            }
            var parameters = new JsonObject();
            foreach (var (k, v) in request.RouteValues)
                parameters[k] = v?.ToString();
            var req = new JsonObject
            {
                ["Url"] = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}",
                ["Method"] = request.Method,
                ["Query"] = query,
                ["Headers"] = headers,
                ["Params"] = parameters,
            };
            if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                req["Body"] = await reader.ReadToEndAsync(ctx.RequestAborted);
            }
            var metadata = new JsonObject
            {
                ["Query"] = query.DeepClone(),
                ["Headers"] = headerMetadata,
                ["sys"] = Triggers.MetadataValues.Sys(Function.Name),
            };
            foreach (var (k, v) in parameters)
                metadata[k] = v is null ? null : JsonSerializer.Serialize(v.GetValue<string>());

            var (result, outcome) = await Invoke(Function, new JsonObject { [triggerName] = req }, metadata, ctx.RequestAborted);
            if (!result.Succeeded || outcome is null)
            {
                ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }
            var output = Function.Bindings.FirstOrDefault(b => b.IsOutput && b.Is("http"));
            JsonNode? res = output is null ? null
                : output.Name == "$return" ? outcome.ReturnValue
                : outcome.Outputs is null ? null : HandlerInvoker.Find(outcome.Outputs, output.Name);
            await WriteResponseAsync(ctx, res);
        }

        private static async Task WriteResponseAsync(HttpContext ctx, JsonNode? res)
        {
            var status = 200;
            JsonNode? body = res;
            string? contentType = null;
            if (res is JsonObject obj)
            {
                var statusNode = HandlerInvoker.Find(obj, "statusCode") ?? HandlerInvoker.Find(obj, "status");
                if (statusNode is JsonValue sv)
                {
                    if (sv.TryGetValue<int>(out var code))
                        status = code;
                    else if (sv.TryGetValue<string>(out var text) && int.TryParse(text, out code))
                        status = code;
                }
                if (HandlerInvoker.Find(obj, "headers") is JsonObject hs)
                    foreach (var (name, value) in hs)
                    {
                        var text = value is JsonValue hv && hv.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
                        if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                            contentType = text;
                        else
                            ctx.Response.Headers[name] = text;
                    }
                body = HandlerInvoker.Find(obj, "body");
            }
            ctx.Response.StatusCode = status;
            if (body is null)
            {
                if (contentType is not null)
                    ctx.Response.ContentType = contentType;
                return;
            }
            string payload;
            if (body is JsonValue bv && bv.TryGetValue<string>(out var str))
            {
                payload = str;
                contentType ??= "text/plain; charset=utf-8";
            }
            else
            {
                payload = body.ToJsonString(HandlerInvoker.Json);
                contentType ??= "application/json; charset=utf-8";
            }
            ctx.Response.ContentType = contentType;
            await ctx.Response.WriteAsync(payload, ctx.RequestAborted);
        }
    }
}
