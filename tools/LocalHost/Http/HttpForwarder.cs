using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LocalHost.Http;

/// <summary>
/// Forwards the caller's request to the worker's own HTTP endpoint (ASP.NET Core integration), as the real host's
/// proxy does: same method, raw path and query, headers and body bytes, plus x-ms-invocation-id and the
/// X-Forwarded-* headers; the worker's answer (status, headers, body) is copied back as it is.
/// </summary>
internal sealed class HttpForwarder : IDisposable
{
    /// <summary>The worker pairs the forwarded request with its InvocationRequest by this header.</summary>
    public const string InvocationIdHeader = "x-ms-invocation-id";

    // The real host retries a refused connection up to 10 times, 50 ms doubling to 250 ms.
    private const int MaxAttempts = 10;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(250);

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
    };

    // No redirects, cookies or decompression: the answer must reach the caller exactly as the worker sent it.
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    });

    /// <summary>Forwards and copies the answer; returns an error (after answering 500 if nothing was sent yet) or null.</summary>
    public async Task<string?> ForwardAsync(HttpContext ctx, Uri workerUri, string invocationId, CancellationToken ct)
    {
        var body = await ReadBodyAsync(ctx.Request, ct);
        HttpResponseMessage? response = null;
        var delay = FirstRetryDelay;
        for (var attempt = 1; response is null; attempt++)
        {
            using var request = BuildRequest(ctx, workerUri, invocationId, body);
            try
            {
                response = await _client.SendAsync(request, ct);
            }
            catch (HttpRequestException) when (attempt < MaxAttempts && !ct.IsCancellationRequested)
            {
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !ctx.RequestAborted.IsCancellationRequested))
            {
                FailIfNotStarted(ctx);
                return $"Forwarding the request to the worker failed: {ex.Message}";
            }
        }

        using (response)
        {
            ctx.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                if (!HopByHop.Contains(name))
                    ctx.Response.Headers[name] = values.ToArray();
            try
            {
                await response.Content.CopyToAsync(ctx.Response.Body, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                ctx.Abort(); // the status is out already: the caller sees a broken response, as from a real proxy
                return $"The worker's answer broke off: {ex.Message}";
            }
        }
        return null;
    }

    private static HttpRequestMessage BuildRequest(HttpContext ctx, Uri workerUri, string invocationId, byte[]? body)
    {
        var target = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (ctx.Request.Path + ctx.Request.QueryString).ToString();
        var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), new Uri(workerUri, target));
        if (body is not null)
            request.Content = new ByteArrayContent(body);
        foreach (var (name, values) in ctx.Request.Headers)
        {
            if (HopByHop.Contains(name) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        // The worker's ASP.NET Core integration runs UseForwardedHeaders, so it sees the caller's host, scheme and address.
        request.Headers.Remove("X-Forwarded-For");
        request.Headers.Remove("X-Forwarded-Proto");
        request.Headers.Remove("X-Forwarded-Host");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", ctx.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", ctx.Request.Scheme);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", ctx.Request.Host.Value ?? "");
        request.Headers.Remove(InvocationIdHeader);
        request.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        return request;
    }

    /// <summary>Read once so a refused connection can be retried with the same bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
            return request.ContentLength == 0 ? [] : null;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static void FailIfNotStarted(HttpContext ctx)
    {
        if (!ctx.Response.HasStarted)
            ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
    }

    public void Dispose() => _client.Dispose();
}
