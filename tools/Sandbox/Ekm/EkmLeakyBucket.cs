namespace Sandbox.Ekm;

/// <summary>
/// EKM's documented rate limit for one app + merchant: a bucket of <c>size</c> tokens that leaks <c>leakAmount</c>
/// once per <c>leakInterval</c> (in whole steps, as "the bucket leaks once per second" says); each request adds its
/// cost, and a request that would overflow is refused without adding anything. Guarded by the simulator's lock.
/// </summary>
internal sealed class EkmLeakyBucket
{
    private int _level;
    private DateTimeOffset _lastLeak;

    /// <summary>Tokens left after this request (or now, when refused).</summary>
    public int Remaining { get; private set; }

    /// <summary>Admits a request or refuses it; <paramref name="untilNextLeak"/> says when room appears.</summary>
    public bool TryAdmit(DateTimeOffset now, EkmSimulatorOptions options, out TimeSpan untilNextLeak)
    {
        Leak(now, options);
        untilNextLeak = _level == 0 ? TimeSpan.Zero : _lastLeak + options.LeakInterval - now;
        if (_level + options.RequestCost > options.BucketSize)
        {
            Remaining = Math.Max(0, options.BucketSize - _level);
            return false;
        }
        if (_level == 0)
            _lastLeak = now; // the leak clock starts when the bucket stops being empty
        _level += options.RequestCost;
        Remaining = options.BucketSize - _level;
        return true;
    }

    private void Leak(DateTimeOffset now, EkmSimulatorOptions options)
    {
        if (_level == 0 || now <= _lastLeak)
            return;
        var steps = (now - _lastLeak).Ticks / options.LeakInterval.Ticks;
        if (steps == 0)
            return;
        _level = (int)Math.Max(0, _level - steps * options.LeakAmount);
        _lastLeak += TimeSpan.FromTicks(options.LeakInterval.Ticks * steps);
    }
}
