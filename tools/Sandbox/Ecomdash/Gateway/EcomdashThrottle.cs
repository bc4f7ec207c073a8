namespace Sandbox.Ecomdash;

/// <summary>What the throttle decided about one call.</summary>
internal enum ThrottleOutcome
{
    Admitted,
    OverQuota,
    TooManyConcurrent,
}

internal readonly record struct ThrottleVerdict(ThrottleOutcome Outcome, int RetryAfterSeconds = 0);

/// <summary>
/// One ecomdash account's share of the API (Throttling Rules page): calls in a sliding 60-second window shared by
/// every developer key and every other integration on the account (APIM rate-limit-by-key), and calls in flight per
/// operation (APIM limit-concurrency). The window runs on the injected clock; concurrency is real.
/// Not thread-safe: the simulator calls it under its lock.
/// </summary>
internal sealed class EcomdashThrottle(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly List<DateTimeOffset> _calls = [];
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private DateTimeOffset _backgroundAccruedUntil;
    private double _backgroundCarry;

    public int CallsPerMinute { get; set; } = 120;
    public int ConcurrentCallsPerOperation { get; set; } = 3;

    /// <summary>Calls a minute another integration makes on the same account, accrued lazily from the clock.</summary>
    public int BackgroundCallsPerMinute { get; private set; }

    /// <summary>
    /// Counts the call against the minute (unless over quota: APIM does not count what it refuses), then takes a
    /// concurrency slot. The rate limit is checked first because APIM applies it in the inbound section, before the
    /// concurrency limit around the back-end call; so a call refused for concurrency still used quota.
    /// </summary>
    public ThrottleVerdict TryEnter(string operation)
    {
        var now = Refresh();
        if (_calls.Count >= CallsPerMinute)
            return new(ThrottleOutcome.OverQuota, RetryAfterSeconds(now));
        _calls.Add(now);
        var inFlight = _inFlight.GetValueOrDefault(operation);
        if (inFlight >= ConcurrentCallsPerOperation)
            return new(ThrottleOutcome.TooManyConcurrent);
        _inFlight[operation] = inFlight + 1;
        return new(ThrottleOutcome.Admitted);
    }

    public void Leave(string operation)
    {
        if (_inFlight.TryGetValue(operation, out var count))
        {
            if (count <= 1) _inFlight.Remove(operation);
            else _inFlight[operation] = count - 1;
        }
    }

    /// <summary>Another integration's calls, now (they are counted even beyond the quota, as if it ignored its 429s).</summary>
    public void Consume(int calls)
    {
        var now = Refresh();
        for (var i = 0; i < calls; i++)
            _calls.Add(now);
    }

    public void SetBackgroundLoad(int callsPerMinute)
    {
        Refresh();
        BackgroundCallsPerMinute = Math.Max(0, callsPerMinute);
        _backgroundCarry = 0;
    }

    public int CallsInWindow()
    {
        Refresh();
        return _calls.Count;
    }

    public int InFlight(string operation) => _inFlight.GetValueOrDefault(operation);

    public IReadOnlyDictionary<string, int> InFlightByOperation() => new Dictionary<string, int>(_inFlight);

    private DateTimeOffset Refresh()
    {
        var now = time.GetUtcNow();
        AccrueBackground(now);
        _calls.RemoveAll(t => t <= now - Window);
        return now;
    }

    // The other integration's calls, spread evenly over the time since the last look; it is throttled like anyone,
    // so it never pushes the window past the quota.
    private void AccrueBackground(DateTimeOffset now)
    {
        var since = _backgroundAccruedUntil;
        _backgroundAccruedUntil = now;
        if (BackgroundCallsPerMinute == 0 || now <= since)
            return;
        var elapsed = now - since;
        var exact = elapsed.TotalMinutes * BackgroundCallsPerMinute + _backgroundCarry;
        var calls = (int)Math.Min(Math.Floor(exact), CallsPerMinute);
        _backgroundCarry = exact - Math.Floor(exact);
        for (var i = 1; i <= calls; i++)
        {
            var at = since + elapsed * i / calls;
            if (at <= now - Window) continue;
            if (_calls.Count(t => t > at - Window && t <= at) >= CallsPerMinute) continue;
            _calls.Add(at);
        }
    }

    // When enough calls have left the window for one more to fit (more than one must leave if another integration
    // overshot the quota).
    private int RetryAfterSeconds(DateTimeOffset now)
    {
        var freeing = _calls.Order().ElementAt(_calls.Count - CallsPerMinute);
        return Math.Max(1, (int)Math.Ceiling((freeing + Window - now).TotalSeconds));
    }
}
