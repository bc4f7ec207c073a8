using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalHost.Handler;

/// <summary>What the handler answered to one invocation request.</summary>
internal sealed record InvocationOutcome(bool Succeeded, JsonObject? Outputs, JsonNode? ReturnValue, string? Error);

/// <summary>
/// The host→handler invocation protocol: POST /{FunctionName} with {Data, Metadata}, the host's headers, and a client
/// timeout equal to functionTimeout. Non-2xx, or a body that is not a JSON object, fails the invocation.
/// </summary>
internal sealed class HandlerInvoker : IDisposable
{
    /// <summary>Reported in X-Azure-Functions-HostVersion and User-Agent; a v4 host version.</summary>
    public const string HostVersion = "4.1040.300.0";

    /// <summary>Newtonsoft-like output (no \u0022 for quotes, non-ASCII kept), as the real host serialises.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _client;
    private readonly Action<string> _log;

    public HandlerInvoker(TimeSpan functionTimeout, Action<string> log)
    {
        // No redirects, cookies or decompression: forwarded responses must reach the caller exactly as the handler sent them.
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        _client = new HttpClient(handler) { Timeout = functionTimeout };
        _log = log;
    }

    public HttpClient Client => _client;

    public static void AddHostHeaders(HttpRequestMessage request, Guid invocationId)
    {
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", invocationId.ToString());
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.Remove("User-Agent");
        request.Headers.TryAddWithoutValidation("User-Agent", $"Azure-Functions-Host/{HostVersion}");
    }

    public async Task<InvocationOutcome> InvokeAsync(
        Uri handlerBase, string functionName, Guid invocationId, JsonObject data, JsonObject metadata, CancellationToken ct)
    {
        var payload = new JsonObject { ["Data"] = data, ["Metadata"] = metadata };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(handlerBase, functionName))
        {
            Content = new StringContent(payload.ToJsonString(Json), Encoding.UTF8, "application/json"),
        };
        AddHostHeaders(request, invocationId);

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, ct);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new InvocationOutcome(false, null, null, $"Timeout value of {_client.Timeout} was exceeded by function: Functions.{functionName}");
        }
        catch (HttpRequestException ex)
        {
            return new InvocationOutcome(false, null, null, $"Could not reach the handler: {ex.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                return new InvocationOutcome(false, null, null,
                    $"Handler answered {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(body)}");

            JsonObject? result;
            try
            {
                result = JsonNode.Parse(body) as JsonObject;
            }
            catch (JsonException ex)
            {
                return new InvocationOutcome(false, null, null, $"Handler answered 200 with invalid JSON ({ex.Message}): {Truncate(body)}");
            }
            if (result is null)
                return new InvocationOutcome(false, null, null, $"Handler answered 200 without a JSON object: {Truncate(body)}");

            if (Find(result, "Logs") is JsonArray logs)
                foreach (var entry in logs)
                    _log($"[{functionName}] {(entry is JsonValue v && v.TryGetValue<string>(out var s) ? s : entry?.ToJsonString())}");
            var outputs = Find(result, "Outputs") as JsonObject;
            var returnValue = Find(result, "ReturnValue");
            return new InvocationOutcome(true, outputs, returnValue, null);
        }
    }

    /// <summary>Property lookup ignoring case: the real host deserialises with Json.NET, which does the same.</summary>
    public static JsonNode? Find(JsonObject obj, string name)
    {
        foreach (var (key, value) in obj)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return value;
        return null;
    }

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500] + "…";

    public void Dispose() => _client.Dispose();
}
