using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>
/// Paces this process's calls to each store to the store's quota: a call goes only while the window, as BigCommerce's
/// last answers describe it, has a request left that our calls already on their way have not taken; otherwise it waits
/// for the window to reset. Every attempt's answer teaches it (a 429 closes the store for everyone until the reset it
/// names). Shared by all calls in the process (a singleton); other apps and processes show only in the headers.
/// </summary>
public sealed class BigCommerceStoreGate(TimeProvider time, IOptions<BigCommerceOptions> options)
{
    /// <summary>Timers round to whole milliseconds and may fire a fraction early; arriving just before the reset is a 429.</summary>
    internal static readonly TimeSpan ResetSlack = TimeSpan.FromMilliseconds(25);
    private readonly ConcurrentDictionary<string, BigCommerceStoreQuota> _stores = new(StringComparer.Ordinal);

    /// <summary>Waits until the store's window has a request for this call; dispose the permit when the call is over.</summary>
    public async ValueTask<Permit> EnterAsync(string storeHash, CancellationToken cancellationToken)
    {
        var quota = _stores.GetOrAdd(storeHash, _ => new BigCommerceStoreQuota());
        while (true)
        {
            TimeSpan wait;
            lock (quota)
                wait = quota.TryAdmit(time.GetUtcNow());
            if (wait <= TimeSpan.Zero)
                return new Permit(quota);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Learns from one attempt's answer: Requests-Left and Time-Reset-Ms, or a 429's wait.</summary>
    public void Observe(string storeHash, HttpResponseMessage response)
    {
        var quota = _stores.GetOrAdd(storeHash, _ => new BigCommerceStoreQuota());
        var maxWait = options.Value.MaxRateLimitWait;
        var now = time.GetUtcNow();
        if ((int)response.StatusCode == 429)
        {
            // A 429 without headers is platform load, not the quota: the retry's back-off handles it.
            if (BigCommerceRateLimit.RetryDelayFrom(response.Headers) is { } wait && wait > TimeSpan.Zero)
            {
                lock (quota)
                    quota.Exhausted(now, wait, maxWait, ResetSlack);
            }
            return;
        }
        if (BigCommerceRateLimit.QuotaFrom(response.Headers) is { } state)
        {
            lock (quota)
                quota.Observe(now, state, maxWait, ResetSlack);
        }
    }

    /// <summary>A call let through by the gate; disposing it frees its place.</summary>
    public sealed class Permit : IDisposable
    {
        private BigCommerceStoreQuota? _quota;

        internal Permit(BigCommerceStoreQuota quota) => _quota = quota;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _quota, null) is { } quota)
            {
                lock (quota)
                    quota.Finished();
            }
        }
    }
}
