namespace Sandbox.BigCommerce;

/// <summary>
/// How the simulated BigCommerce delivers webhooks: retries on anything but 2xx from 60 s, doubling, at most a day
/// apart, until <see cref="GiveUpAfter"/> (~48 h), when the hook is deactivated; <see cref="TimeScale"/> compresses
/// the waits (0.0001 turns 48 h into about 17 s). UNCONFIRMED: the exact schedule between 60 s and 86400 s, and the
/// delivery timeout.
/// </summary>
public sealed record BigCommerceWebhookBehaviour
{
    /// <summary>
    /// Accept http destinations and any port. BigCommerce only accepts https on 443; local runs (the demo, the tests'
    /// LocalHost on http://127.0.0.1) switch this on, nothing else does.
    /// </summary>
    public bool AllowHttpDestinations { get; init; }

    /// <summary>Extra copies of every event: each its own delivery (own webhook-id), with the same payload and hash.</summary>
    public int Duplicates { get; init; }

    /// <summary>Wait before the first attempt (before scaling). BigCommerce says a new hook may take a minute to fire; not simulated.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    /// <summary>An attempt not answered within this time has failed (not scaled). UNCONFIRMED.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retrying stops, and the hook is deactivated, once the next retry would start later than this after the first attempt.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Multiplies <see cref="Delay"/> and the retry waits; 1 is real time.</summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Sign deliveries with this instead of the app's client secret (a forgery as the receiver sees it).</summary>
    public string? SignWithSecret { get; init; }

    /// <summary>Wait before retry <paramref name="retry"/> (1-based), before scaling: 60 s × 2^(retry-1), at most 86400 s.</summary>
    public static TimeSpan RetryDelay(int retry) => TimeSpan.FromSeconds(Math.Min(86400, 60 * Math.Pow(2, Math.Min(retry - 1, 20))));
}

/// <summary>One webhook delivery attempt. <see cref="Copy"/> is 0 for the event, 1.. for injected duplicates; <see cref="Attempt"/> 0 is the first try.</summary>
public sealed record BigCommerceWebhookAttempt(
    long HookId,
    string Destination,
    string Scope,
    string StoreHash,
    long OrderId,
    string WebhookId,
    string Hash,
    int Copy,
    int Attempt,
    int? StatusCode,
    bool TimedOut,
    DateTimeOffset At);

/// <summary>A webhook as the simulator holds it (v3 /hooks).</summary>
public sealed record BigCommerceHook(long Id, string ClientId, string StoreHash, string Scope, string Destination, bool IsActive,
    IReadOnlyDictionary<string, string> Headers, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
