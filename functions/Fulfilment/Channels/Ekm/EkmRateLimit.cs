using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using Fulfilment.Storage;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ekm;

/// <summary>Reads EKM's leaky-bucket headers (<c>X-EKM-RateLimit-*</c>, case-insensitive) and turns them into waits.</summary>
public static class EkmRateLimit
{
    public const string Remaining = "X-EKM-RateLimit-Remaining";
    public const string LeakAmount = "X-EKM-RateLimit-LeakAmount";
    public const string LeakRate = "X-EKM-RateLimit-LeakRate";

    /// <summary>The wait a 429 asks for: Retry-After when sent (UNCONFIRMED that EKM sends it), else the fallback; never zero.</summary>
    public static TimeSpan? RetryDelayFor(HttpResponseMessage? response, TimeSpan fallback)
    {
        if (response is null || (int)response.StatusCode != 429)
            return null;
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d && d > TimeSpan.Zero ? d : fallback;
    }

    /// <summary>
    /// When an answer says the bucket is nearly full, how long until enough has leaked to leave <paramref name="keepFree"/>
    /// requests of room: (keepFree - remaining) / leak amount leaks, one leak every LeakRate seconds (UNCONFIRMED format: seconds).
    /// </summary>
    public static TimeSpan? DrainWaitFor(HttpHeaders headers, int keepFree)
    {
        if (ReadNumber(headers, Remaining) is not { } remaining || remaining >= keepFree)
            return null;
        var leakAmount = ReadNumber(headers, LeakAmount) is { } a && a > 0 ? a : 2;
        var leakSeconds = ReadNumber(headers, LeakRate) is { } r && r > 0 ? r : 1;
        var leaks = Math.Ceiling((keepFree - remaining) / leakAmount);
        return TimeSpan.FromSeconds(Math.Min(leaks * leakSeconds, 30));
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
/// Paces every API call of a shop: first through the rate gate shared by all instances (Table Storage, 2 a second, the
/// bucket's leak rate, so a full-speed backlog never fills it), then, if EKM's headers say the bucket is nearly full
/// anyway (someone else's calls, a retry), by waiting here until it has drained a little.
/// </summary>
internal sealed class EkmRateGateHandler(IDistributedRateGate gate, EkmBucketWatch watch, IOptions<EkmOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (EkmRequest.GetShop(request) is not { } shop)
            return await base.SendAsync(request, cancellationToken);
        await watch.WaitAsync(shop, cancellationToken);
        await gate.WaitAsync($"ekm:{shop}", options.Value.RequestsPerSecond, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        watch.Observe(shop, response, options.Value.LowBucketRemaining);
        return response;
    }
}

/// <summary>Per-shop memory of a nearly full bucket (or a 429), shared by the calls of one instance.</summary>
public sealed class EkmBucketWatch(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _closedUntil = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask WaitAsync(string shop, CancellationToken cancellationToken)
    {
        if (!_closedUntil.TryGetValue(shop, out var until))
            return;
        var wait = until - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            _closedUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(shop, until));
            return;
        }
        await Task.Delay(wait, time, cancellationToken);
    }

    public void Observe(string shop, HttpResponseMessage response, int keepFree)
    {
        var wait = (int)response.StatusCode == 429
            ? EkmRateLimit.RetryDelayFor(response, TimeSpan.FromSeconds(1))
            : EkmRateLimit.DrainWaitFor(response.Headers, keepFree);
        if (wait is not { } w || w <= TimeSpan.Zero)
            return;
        var until = time.GetUtcNow() + w;
        _closedUntil.AddOrUpdate(shop, until, (_, existing) => existing > until ? existing : until);
    }
}

/// <summary>What we attach to each API request so the handlers and the resilience pipeline can tell shops apart.</summary>
internal static class EkmRequest
{
    public static readonly HttpRequestOptionsKey<string> ShopKey = new("Ekm.Shop");

    public static void SetShop(HttpRequestMessage request, string shop) => request.Options.Set(ShopKey, shop);

    public static string? GetShop(HttpRequestMessage request) => request.Options.TryGetValue(ShopKey, out var shop) ? shop : null;
}
