using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>Reads BigCommerce's rate-limit headers (names are case-insensitive) and turns them into waits.</summary>
public static class BigCommerceRateLimit
{
    public const string TimeWindowMs = "X-Rate-Limit-Time-Window-Ms";
    public const string TimeResetMs = "X-Rate-Limit-Time-Reset-Ms";
    public const string RequestsQuota = "X-Rate-Limit-Requests-Quota";
    public const string RequestsLeft = "X-Rate-Limit-Requests-Left";
    public const string RetryAfter = "X-Retry-After";

    /// <summary>The wait a 429 asks for: the longer of Time-Reset-Ms and X-Retry-After (seconds); null when neither is readable.</summary>
    public static TimeSpan? RetryDelayFrom(HttpHeaders headers)
    {
        TimeSpan? reset = ReadNumber(headers, TimeResetMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
        TimeSpan? retryAfter = ReadNumber(headers, RetryAfter) is { } s ? TimeSpan.FromSeconds(s) : null;
        if (reset is null)
            return retryAfter;
        if (retryAfter is null)
            return reset;
        return reset > retryAfter ? reset : retryAfter;
    }

    /// <summary>The delay before retrying <paramref name="response"/>: for 429 the headers' wait or the fixed fallback; otherwise null (use back-off).</summary>
    public static TimeSpan? RetryDelayFor(HttpResponseMessage? response, TimeSpan headerlessBackoff)
    {
        if (response is null || (int)response.StatusCode != 429)
            return null;
        var delay = RetryDelayFrom(response.Headers);
        // A 429 without headers means platform load: a fixed back-off, never an instant retry loop.
        return delay is { } d && d > TimeSpan.Zero ? d : headerlessBackoff;
    }

    /// <summary>When a successful answer says no requests are left in this window, how long until it resets; otherwise null.</summary>
    public static TimeSpan? QuotaExhaustedFor(HttpHeaders headers)
    {
        if (ReadNumber(headers, RequestsLeft) is not { } left || left > 0)
            return null;
        return ReadNumber(headers, TimeResetMs) is { } ms && ms > 0 ? TimeSpan.FromMilliseconds(ms) : null;
    }

    private static double? ReadNumber(HttpHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values))
            return null;
        foreach (var v in values)
        {
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 && double.IsFinite(n))
                return n;
        }
        return null;
    }
}

/// <summary>
/// Per-store gate: once a store's quota for the window is used up, later calls for that store wait for the reset
/// instead of running into 429s. Shared by all calls in the process (registered as a singleton).
/// </summary>
public sealed class BigCommerceStoreGate(TimeProvider time)
{
    /// <summary>Never wait longer than this on a header's say-so (the real window is 30 s).</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    /// <summary>Timers round to whole milliseconds and may fire a fraction early; arriving just before the reset is a 429.</summary>
    internal static readonly TimeSpan ResetSlack = TimeSpan.FromMilliseconds(25);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _closedUntil = new(StringComparer.Ordinal);

    /// <summary>Waits until the store's window has reset, if it is closed.</summary>
    public async ValueTask WaitAsync(string storeHash, CancellationToken cancellationToken)
    {
        if (!_closedUntil.TryGetValue(storeHash, out var until))
            return;
        var wait = until - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            _closedUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(storeHash, until));
            return;
        }
        await Task.Delay(wait, time, cancellationToken);
    }

    /// <summary>Learns from an answer's headers: Requests-Left 0 closes the gate for Time-Reset-Ms.</summary>
    public void Observe(string storeHash, HttpResponseMessage response)
    {
        var wait = (int)response.StatusCode == 429
            ? BigCommerceRateLimit.RetryDelayFrom(response.Headers)
            : BigCommerceRateLimit.QuotaExhaustedFor(response.Headers);
        if (wait is not { } w || w <= TimeSpan.Zero)
            return;
        if (w > MaxWait)
            w = MaxWait;
        var until = time.GetUtcNow() + w + ResetSlack;
        _closedUntil.AddOrUpdate(storeHash, until, (_, existing) => existing > until ? existing : until);
    }
}

/// <summary>The message handler that applies <see cref="BigCommerceStoreGate"/> to every API call carrying a store hash.</summary>
internal sealed class BigCommerceStoreGateHandler(BigCommerceStoreGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var store = BigCommerceRequest.GetStoreHash(request);
        if (store is null)
            return await base.SendAsync(request, cancellationToken);
        await gate.WaitAsync(store, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        gate.Observe(store, response);
        return response;
    }
}

/// <summary>What we attach to each request so handlers and the resilience pipeline can tell stores apart.</summary>
internal static class BigCommerceRequest
{
    public static readonly HttpRequestOptionsKey<string> StoreHashKey = new("BigCommerce.StoreHash");

    public static void SetStoreHash(HttpRequestMessage request, string storeHash) => request.Options.Set(StoreHashKey, storeHash);

    public static string? GetStoreHash(HttpRequestMessage request) =>
        request.Options.TryGetValue(StoreHashKey, out var hash) ? hash : null;
}
