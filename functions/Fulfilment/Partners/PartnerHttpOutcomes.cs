using System.Net;
using Polly;
using Polly.Timeout;

namespace Fulfilment.Partners;

/// <summary>How every partner client's resilience pipeline reads an HTTP outcome: one reading, not one per partner.</summary>
public static class PartnerHttpOutcomes
{
    /// <summary>5xx, 408, a timeout or a connection failure.</summary>
    public static bool IsServerFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout };

    /// <summary>The Retry-After of a 429 (delta seconds or an HTTP date, never negative), or null when it has none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests } || response.Headers.RetryAfter is not { } header)
            return null;
        if (header.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
