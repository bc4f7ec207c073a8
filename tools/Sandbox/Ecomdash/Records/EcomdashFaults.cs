namespace Sandbox.Ecomdash;

/// <summary>
/// Faults for one merchant's calls (after the key checks, so auth and throttling stay real). Counters count down
/// per call; <see cref="EcomdashSimulator.SetFaults"/> replaces the whole set.
/// </summary>
public sealed record EcomdashFaults
{
    /// <summary>Added to every call, holding its concurrency slot (so it can keep calls "in flight" for tests).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The next N calls answer 500 <c>{"Message":"An error has occurred."}</c> without acting.</summary>
    public int Next500 { get; init; }

    /// <summary>The next N calls answer 429 with <see cref="RetryAfterSeconds"/>, as if throttled.</summary>
    public int Next429 { get; init; }

    public int RetryAfterSeconds { get; init; } = 10;

    /// <summary>The next N calls (of <see cref="AfterActingOperation"/>, or any) act and then never answer: an ambiguous failure.</summary>
    public int TimeoutsAfterActing { get; init; }

    /// <summary>The next N calls (of <see cref="AfterActingOperation"/>, or any) act and then answer 500.</summary>
    public int ServerErrorsAfterActing { get; init; }

    /// <summary>An <see cref="EcomdashOperations"/> name the after-acting faults are limited to; null for every operation.</summary>
    public string? AfterActingOperation { get; init; }

    /// <summary>How long a timed-out call holds the connection before the simulator drops it (if the client has not given up).</summary>
    public TimeSpan StallFor { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>From this instant (inclusive) every call answers 503, until <see cref="OutageUntil"/> (exclusive).</summary>
    public DateTimeOffset? OutageFrom { get; init; }

    public DateTimeOffset? OutageUntil { get; init; }

    internal bool InOutage(DateTimeOffset now) =>
        OutageFrom is { } from && now >= from && (OutageUntil is not { } until || now < until);

    internal bool AfterActingApplies(string operation) => AfterActingOperation is null || AfterActingOperation == operation;
}
