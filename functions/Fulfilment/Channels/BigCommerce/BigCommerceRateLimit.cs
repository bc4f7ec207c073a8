using System.Globalization;
using System.Net.Http.Headers;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>What an answer's rate-limit headers say about the store's current window.</summary>
/// <param name="Left">Requests left in the window after this one (X-Rate-Limit-Requests-Left).</param>
/// <param name="ResetIn">Until the window resets (X-Rate-Limit-Time-Reset-Ms).</param>
/// <param name="Quota">Requests per window (X-Rate-Limit-Requests-Quota), when given.</param>
/// <param name="Window">The window's length (X-Rate-Limit-Time-Window-Ms), when given.</param>
public sealed record BigCommerceQuotaState(int Left, TimeSpan ResetIn, int? Quota, TimeSpan? Window);

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

    /// <summary>The window's state from a (non-429) answer's headers; null when Requests-Left or Time-Reset-Ms is missing.</summary>
    public static BigCommerceQuotaState? QuotaFrom(HttpHeaders headers)
    {
        if (ReadNumber(headers, RequestsLeft) is not { } left || ReadNumber(headers, TimeResetMs) is not { } resetMs)
            return null;
        return new BigCommerceQuotaState(
            (int)Math.Min(left, int.MaxValue),
            TimeSpan.FromMilliseconds(resetMs),
            ReadNumber(headers, RequestsQuota) is { } quota ? (int)Math.Min(quota, int.MaxValue) : null,
            ReadNumber(headers, TimeWindowMs) is { } windowMs && windowMs > 0 ? TimeSpan.FromMilliseconds(windowMs) : null);
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
