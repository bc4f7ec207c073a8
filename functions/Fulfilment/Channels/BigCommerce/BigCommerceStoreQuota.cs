namespace Fulfilment.Channels.BigCommerce;

/// <summary>
/// What this process knows of one store's current quota window, from BigCommerce's headers, and how many of our calls
/// are on their way. Not thread-safe: <see cref="BigCommerceStoreGate"/> locks it.
/// </summary>
internal sealed class BigCommerceStoreQuota
{
    private bool _known;
    private int _left;
    private DateTimeOffset _resetAt;

    /// <summary>Our calls let through and not finished yet: each may take one of the requests left.</summary>
    public int InFlight { get; private set; }

    /// <summary>
    /// Lets a call through now (counting it in flight) and returns zero, or returns how long to wait before asking
    /// again: until the window resets when what is left is taken by calls already on their way.
    /// </summary>
    public TimeSpan TryAdmit(DateTimeOffset now)
    {
        if (_known && now >= _resetAt)
            _known = false; // the window has reset; the next answer tells us the new one
        if (_known && _left - InFlight <= 0)
            return _resetAt - now;
        InFlight++;
        return TimeSpan.Zero;
    }

    public void Finished() => InFlight--;

    /// <summary>
    /// Learns from an answer: its Requests-Left after the request, and when the window resets. Answers arrive out of
    /// order when calls overlap, so within one window the lowest count wins; an answer starts a new window only once
    /// ours is over (BigCommerce cannot be in the next one before then, so one claiming so mid-window is not believed);
    /// and one naming an earlier reset is from a window already over.
    /// </summary>
    public void Observe(DateTimeOffset now, BigCommerceQuotaState state, TimeSpan maxWait, TimeSpan slack)
    {
        var resetIn = state.Window is { } window && state.ResetIn > window ? window : state.ResetIn;
        var resetAt = now + Min(resetIn, maxWait) + slack;
        // Resets computed from answers of one window differ by network jitter; the next window's is a window later.
        var jitter = Min(state.Window is { } w ? w / 4 : TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        if (!_known || (now >= _resetAt - jitter && resetAt > _resetAt + jitter))
        {
            _known = true;
            _left = state.Left;
            _resetAt = resetAt;
        }
        else if (resetAt >= _resetAt - jitter)
        {
            _left = Math.Min(_left, state.Left);
        }
    }

    /// <summary>A 429: nothing is left until the reset it names (another app or process took the rest).</summary>
    public void Exhausted(DateTimeOffset now, TimeSpan wait, TimeSpan maxWait, TimeSpan slack)
    {
        var resetAt = now + Min(wait, maxWait) + slack;
        _left = 0;
        _resetAt = _known && _resetAt > resetAt ? _resetAt : resetAt;
        _known = true;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
