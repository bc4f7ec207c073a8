using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Benchmark;

/// <summary>
/// A reverse proxy in front of Azurite's blob, queue and table endpoints that counts every request the function app
/// (worker and host) makes, by kind and by table or queue. Counting on the wire sees every transaction whatever client
/// made it, including the host's queue polling and the operations inside a table batch, which an SDK policy in one
/// process would not. Requests are forwarded byte for byte (raw target, headers, body), so shared-key signatures,
/// which do not cover the host or port, stay valid.
/// </summary>
public sealed partial class CountingStorageProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Dictionary<int, (string Service, string BaseUrl)> _routes;
    private readonly ConcurrentDictionary<(string Kind, string Resource), long> _counts = new();

    private CountingStorageProxy(WebApplication app, HttpClient upstream, Dictionary<int, (string, string)> routes)
    {
        _app = app;
        _upstream = upstream;
        _routes = routes;
    }

    public int BlobPort { get; private init; }
    public int QueuePort { get; private init; }
    public int TablePort { get; private init; }

    /// <summary>A connection string like Azurite's, on the proxy's ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteInstance.AccountName};AccountKey={AzuriteInstance.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AzuriteInstance.AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AzuriteInstance.AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AzuriteInstance.AccountName};";

    public static async Task<CountingStorageProxy> StartAsync(AzuriteInstance azurite)
    {
        var ports = FreePorts(3);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(ports.Select(p => $"http://127.0.0.1:{p}").ToArray());
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var upstream = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            // Below Node's 5 s keep-alive: Azurite closes idle connections, and reusing one it closed resets the request.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        var routes = new Dictionary<int, (string, string)>
        {
            [ports[0]] = ("blob", $"http://127.0.0.1:{azurite.BlobPort}"),
            [ports[1]] = ("queue", $"http://127.0.0.1:{azurite.QueuePort}"),
            [ports[2]] = ("table", $"http://127.0.0.1:{azurite.TablePort}"),
        };
        var proxy = new CountingStorageProxy(app, upstream, routes) { BlobPort = ports[0], QueuePort = ports[1], TablePort = ports[2] };
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    /// <summary>Storage requests that took a second or more to answer (Azurite is one Node process: one slow request holds up every other).</summary>
    public IReadOnlyList<SlowStorageRequest> SlowRequests => _slow.ToArray();
    private readonly System.Collections.Concurrent.ConcurrentQueue<SlowStorageRequest> _slow = new();
    private static readonly TimeSpan SlowRequest = TimeSpan.FromSeconds(1);

    /// <summary>Counts so far, by kind (e.g. "queue get") and table or queue name.</summary>
    public IReadOnlyDictionary<(string Kind, string Resource), long> Snapshot() => new Dictionary<(string, string), long>(_counts);

    public void Reset()
    {
        _counts.Clear();
        _slow.Clear();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var (service, baseUrl) = _routes[context.Connection.LocalPort];
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var body = await ReadBodyAsync(context.Request);

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), baseUrl + rawTarget);
        var hasBody = body.Length > 0 || context.Request.ContentLength is not null || context.Request.ContentType is not null;
        if (hasBody)
            request.Content = new ByteArrayContent(body);
        foreach (var (name, values) in context.Request.Headers)
        {
            if (SkippedRequestHeaders.Contains(name))
                continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values) && request.Content is not null)
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await SendOnceMoreIfResetAsync(request, body, context.RequestAborted);
        var responseBody = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (took >= SlowRequest)
            _slow.Enqueue(new SlowStorageRequest(DateTimeOffset.UtcNow, took, context.Request.Method, service,
                Uri.UnescapeDataString(rawTarget.Length > 300 ? rawTarget[..300] : rawTarget), (int)response.StatusCode));
        Count(service, context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", body, responseBody, (int)response.StatusCode);

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (SkippedResponseHeaders.Contains(header.Key))
                continue;
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }
        // 204, 304 and HEAD answers carry no body (Kestrel refuses to write one, even an empty one).
        if (!HttpMethods.IsHead(context.Request.Method) && context.Response.StatusCode is not (204 or 304))
        {
            context.Response.ContentLength = responseBody.Length;
            await context.Response.Body.WriteAsync(responseBody, context.RequestAborted);
        }
    }

    /// <summary>
    /// A pooled connection Azurite closed while idle resets the request before Azurite reads it; sending it again on a
    /// new connection is what a direct client's next attempt would do, without showing the app a failure the proxy made.
    /// </summary>
    private async Task<HttpResponseMessage> SendOnceMoreIfResetAsync(HttpRequestMessage request, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            return await _upstream.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is IOException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset } })
        {
            var again = new HttpRequestMessage(request.Method, request.RequestUri);
            if (request.Content is not null)
            {
                again.Content = new ByteArrayContent(body);
                foreach (var header in request.Content.Headers)
                    again.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            foreach (var header in request.Headers)
                again.Headers.TryAddWithoutValidation(header.Key, header.Value);
            _counts.AddOrUpdate(("proxy: resent after a reset", ""), 1, (_, n) => n + 1);
            return await _upstream.SendAsync(again, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static readonly HashSet<string> SkippedRequestHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Host", "Content-Length", "Transfer-Encoding", "Connection", "Expect", "Keep-Alive" };

    private static readonly HashSet<string> SkippedResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Transfer-Encoding", "Connection", "Keep-Alive", "Content-Length", "Date", "Server" };

    private void Count(string service, string method, string path, string query, byte[] requestBody, byte[] responseBody, int status)
    {
        // Path-style: /devstoreaccount1/<resource>[/...]
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        var kind = service switch
        {
            "queue" => QueueKind(method, parts, query, responseBody),
            "table" => TableKind(method, ref resource, query),
            _ => $"blob {method.ToLowerInvariant()}{CompOf(query)}",
        };
        if (status >= 400)
            kind += $" ({status})";
        _counts.AddOrUpdate((kind, resource), 1, (_, n) => n + 1);
        if (service == "table" && resource == "$batch")
            foreach (var (operation, table) in BatchOperations(requestBody))
                _counts.AddOrUpdate(($"  in batch: {operation}", table), 1, (_, n) => n + 1);
    }

    private static string QueueKind(string method, string[] parts, string query, byte[] responseBody)
    {
        var messages = parts.Length > 2 && parts[2] == "messages";
        var oneMessage = parts.Length > 3;
        return (method, messages, oneMessage) switch
        {
            ("POST", true, false) => "queue put",
            ("GET", true, false) when query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "queue peek",
            ("GET", true, false) => Encoding.UTF8.GetString(responseBody).Contains("<QueueMessage>", StringComparison.Ordinal)
                ? "queue get" : "queue get (empty)",
            ("DELETE", true, true) => "queue delete",
            ("PUT", true, true) => "queue update",
            ("DELETE", true, false) => "queue clear",
            ("GET", false, _) when query.Contains("comp=metadata", StringComparison.OrdinalIgnoreCase) => "queue properties",
            _ => $"queue {method.ToLowerInvariant()}{CompOf(query)}",
        };
    }

    private static string TableKind(string method, ref string resource, string query)
    {
        if (resource == "$batch")
            return "table batch";
        var open = resource.IndexOf('(');
        var keyed = open >= 0 && resource.Length > open + 2; // "Orders(PartitionKey='..',RowKey='..')" vs "Orders()"
        if (open >= 0)
            resource = resource[..open];
        if (resource == "Tables")
            return $"table tables {method.ToLowerInvariant()}";
        return (method, keyed) switch
        {
            ("GET", true) => "table point read",
            ("GET", false) => "table query",
            ("POST", _) => "table insert",
            ("PUT", _) => "table upsert/replace",
            ("MERGE" or "PATCH", _) => "table merge",
            ("DELETE", _) => "table delete",
            _ => $"table {method.ToLowerInvariant()}",
        };
    }

    private static string CompOf(string query)
    {
        var match = CompPattern().Match(query);
        return match.Success ? $" {match.Groups[1].Value}" : "";
    }

    /// <summary>The operations inside a table batch: each changeset part has a request line "VERB http://.../Table(...)".</summary>
    private static IEnumerable<(string Operation, string Table)> BatchOperations(byte[] body)
    {
        foreach (Match match in BatchLinePattern().Matches(Encoding.UTF8.GetString(body)))
        {
            var method = match.Groups[1].Value;
            var table = match.Groups[2].Value;
            var keyed = match.Groups[3].Success && match.Groups[3].Value.Length > 2;
            var operation = method switch
            {
                "POST" => "insert",
                "PUT" => "upsert/replace",
                "MERGE" or "PATCH" => "merge",
                "DELETE" => "delete",
                _ => keyed ? "point read" : method.ToLowerInvariant(),
            };
            yield return (operation, table);
        }
    }

    [GeneratedRegex(@"comp=([a-z]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CompPattern();

    [GeneratedRegex(@"^(GET|POST|PUT|MERGE|PATCH|DELETE) https?://[^/\s]+/[^/\s]+/([A-Za-z0-9]+)(\([^)\s]*\))?", RegexOptions.Multiline)]
    private static partial Regex BatchLinePattern();

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var l in listeners) l.Start();
            return listeners.Select(l => ((System.Net.IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}

/// <summary>A storage request the proxy forwarded that took long to answer.</summary>
public sealed record SlowStorageRequest(DateTimeOffset At, TimeSpan Took, string Method, string Service, string Target, int Status);
