namespace Sandbox.BigCommerce.State;

/// <summary>
/// One store's request quota: <see cref="Quota"/> requests per window, shared by every app calling the store. A window
/// opens at the first request after the previous one ended (UNCONFIRMED whether BigCommerce aligns its windows
/// differently; clients only learn them from the headers anyway).
/// </summary>
internal sealed class QuotaWindow
{
    private DateTimeOffset? _start;

    public int Quota { get; private set; } = 150;
    public TimeSpan Length { get; private set; } = TimeSpan.FromSeconds(30);
    public int Used { get; private set; }

    /// <summary>Sets quota and window length and forgets the current window.</summary>
    public void Reset(int quota, TimeSpan length)
    {
        Quota = quota;
        Length = length;
        _start = null;
        Used = 0;
    }

    /// <summary>Takes one request from the window; false when the quota is used up. Also says what is left and when it resets.</summary>
    public bool TryTake(DateTimeOffset now, out int left, out TimeSpan resetIn)
    {
        resetIn = Roll(now);
        if (Used >= Quota)
        {
            left = 0;
            return false;
        }
        Used++;
        left = Quota - Used;
        return true;
    }

    /// <summary>Other apps spend <paramref name="requests"/> of this window (they share the store's quota).</summary>
    public void Consume(DateTimeOffset now, int requests)
    {
        Roll(now);
        Used = Math.Min(Quota, Used + requests);
    }

    /// <summary>How long until the current window resets (a fresh window when the last one has ended).</summary>
    public TimeSpan Roll(DateTimeOffset now)
    {
        if (_start is not { } start || now - start >= Length)
        {
            _start = start = now;
            Used = 0;
        }
        // A clock read before the window opened counts as its start: a reset is never longer than the window.
        return Length - (now < start ? TimeSpan.Zero : now - start);
    }
}
