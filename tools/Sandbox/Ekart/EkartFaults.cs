namespace Sandbox.Ekart;

/// <summary>How an injected rate limit answers.</summary>
public enum EkartRateLimitStyle
{
    /// <summary>429 with a Retry-After header (seconds): what a generic gateway sends.</summary>
    TooManyRequests,
    /// <summary>What Ekart's B2C document says: 403 with <c>{"forbidden":"Rate limit exceeded"}</c> and no Retry-After.</summary>
    DocumentedForbidden,
}

/// <summary>What the next create or cancel does after it has changed the simulator's state.</summary>
public enum EkartActThenFailMode
{
    None,
    /// <summary>Answers 500: the client cannot tell the shipment exists.</summary>
    ServerError,
    /// <summary>Holds the answer (on the simulator's clock) so the client times out.</summary>
    Stall,
}

/// <summary>Mutable fault settings; guarded by the simulator's lock.</summary>
internal sealed class EkartFaultState
{
    public TimeSpan Latency { get; set; }
    public int FailNext { get; set; }
    public EkartOperation? FailOnly { get; set; }
    public int RateLimitNext { get; set; }
    public EkartOperation? RateLimitOnly { get; set; }
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
    public EkartRateLimitStyle RateLimitStyle { get; set; }
    public Dictionary<EkartOperation, (EkartActThenFailMode Mode, TimeSpan StallFor)> ActThenFail { get; } = [];
    public DateTimeOffset? OutageFrom { get; set; }
    public DateTimeOffset? OutageUntil { get; set; }

    public bool InOutage(DateTimeOffset now) => OutageFrom <= now && now < OutageUntil;

    /// <summary>Takes the act-then-fail armed for <paramref name="operation"/>, if any (it fires once).</summary>
    public (EkartActThenFailMode Mode, TimeSpan StallFor) TakeActThenFail(EkartOperation operation) =>
        ActThenFail.Remove(operation, out var armed) ? armed : (EkartActThenFailMode.None, TimeSpan.Zero);
}
