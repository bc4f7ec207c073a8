using Microsoft.AspNetCore.Http;

namespace Sandbox.Ekart;

// Injected faults. They act before authentication, like a gateway in front of the API, and apply to every merchant.
public sealed partial class EkartSimulator
{
    /// <summary>Delays every answer by <paramref name="latency"/> on the simulator's clock (zero to stop).</summary>
    public void InjectLatency(TimeSpan latency)
    {
        lock (_lock) _faults.Latency = latency;
    }

    /// <summary>The next <paramref name="count"/> calls (of <paramref name="only"/> that operation, or any) answer 500.</summary>
    public void FailNext(int count, EkartOperation? only = null)
    {
        lock (_lock)
        {
            _faults.FailNext = count;
            _faults.FailOnly = only;
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> calls (of <paramref name="only"/> that operation, or any) are rate limited: 429
    /// with <c>Retry-After</c> (default 1 s), or Ekart's documented 403 <c>{"forbidden":"Rate limit exceeded"}</c>.
    /// </summary>
    public void RateLimitNext(int count, TimeSpan? retryAfter = null, EkartOperation? only = null, EkartRateLimitStyle style = EkartRateLimitStyle.TooManyRequests)
    {
        lock (_lock)
        {
            _faults.RateLimitNext = count;
            _faults.RateLimitOnly = only;
            _faults.RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1);
            _faults.RateLimitStyle = style;
        }
    }

    /// <summary>
    /// The next <paramref name="operation"/> call (Create or Cancel) does its work, then answers 500 or stalls for
    /// <paramref name="stallFor"/> (default 2 minutes on the simulator's clock): an ambiguous failure for the client.
    /// </summary>
    public void ActThenFail(EkartOperation operation, EkartActThenFailMode mode = EkartActThenFailMode.ServerError, TimeSpan? stallFor = null)
    {
        if (operation is not (EkartOperation.Create or EkartOperation.Cancel))
            throw new ArgumentOutOfRangeException(nameof(operation), operation, "Only create and cancel change state.");
        lock (_lock)
        {
            if (mode == EkartActThenFailMode.None) _faults.ActThenFail.Remove(operation);
            else _faults.ActThenFail[operation] = (mode, stallFor ?? TimeSpan.FromMinutes(2));
        }
    }

    /// <summary>Every call from <paramref name="from"/> until <paramref name="until"/> (simulator clock) answers 503.</summary>
    public void SetOutage(DateTimeOffset from, DateTimeOffset until)
    {
        lock (_lock)
        {
            _faults.OutageFrom = from;
            _faults.OutageUntil = until;
        }
    }

    public void ClearFaults()
    {
        lock (_lock)
        {
            _faults.Latency = TimeSpan.Zero;
            _faults.FailNext = 0;
            _faults.RateLimitNext = 0;
            _faults.ActThenFail.Clear();
            _faults.OutageFrom = _faults.OutageUntil = null;
        }
    }

    /// <summary>The fault this call meets, if any (consuming one of a counted fault), and the latency to add.</summary>
    private (IResult? Fault, TimeSpan Latency) TakeFault(HttpContext http, EkartOperation operation)
    {
        lock (_lock)
        {
            var latency = _faults.Latency;
            if (_faults.InOutage(Time.GetUtcNow()))
                return (EkartApiResults.Unavailable(), latency);
            if (_faults.FailNext > 0 && (_faults.FailOnly is null || _faults.FailOnly == operation))
            {
                _faults.FailNext--;
                return (EkartApiResults.ServerError(), latency);
            }
            if (_faults.RateLimitNext > 0 && (_faults.RateLimitOnly is null || _faults.RateLimitOnly == operation))
            {
                _faults.RateLimitNext--;
                return (_faults.RateLimitStyle == EkartRateLimitStyle.DocumentedForbidden
                    ? EkartApiResults.RateLimitExceeded()
                    : EkartApiResults.TooManyRequests(http, _faults.RetryAfter), latency);
            }
            return (null, latency);
        }
    }
}
