namespace Sandbox.Ekm;

/// <summary>Which write-back an app made.</summary>
public enum EkmWriteBackKind
{
    DeliveryTracking,
    Status,
}

/// <summary>
/// One write-back applied to an order (even when the answer was then lost to an injected fault), so a test can assert
/// "tracking, then status, exactly once".
/// </summary>
public sealed record EkmWriteBack(
    long OrderId,
    EkmWriteBackKind Kind,
    string? TrackingNumber,
    string? TrackingCompany,
    string? TrackingUrl,
    string? Status,
    bool? EmailCustomer,
    string ClientId,
    DateTimeOffset At);

/// <summary>One request the simulator answered (API and connect endpoints). Username/ClientId are null when the caller was not identified.</summary>
public sealed record EkmRequestRecord(
    string Method,
    string Path,
    string Query,
    int Status,
    DateTimeOffset At,
    string? Username,
    string? ClientId);

/// <summary>How a request that acted then fails: a 500, or an answer held back (the client times out).</summary>
public enum EkmAfterActing
{
    ServerError,
    Stall,
}

/// <summary>
/// Injected faults for a shop's API (or for the token endpoint). Counters go down as requests use them.
/// <see cref="ActThenFail"/> requests are carried out (orders change, tokens are issued) before the answer fails.
/// </summary>
public sealed record EkmFaults
{
    public TimeSpan Latency { get; init; }
    public int Next500 { get; init; }
    public int Next429 { get; init; }
    public int ActThenFail { get; init; }
    public EkmAfterActing AfterActing { get; init; } = EkmAfterActing.ServerError;
    /// <summary>How long a stalled answer is held (on the simulator's clock).</summary>
    public TimeSpan StallFor { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>Who answers the next authorize request: a shop's merchant consenting, or a refusal (access_denied).</summary>
public sealed record EkmConsent(string? Username, bool Deny)
{
    public static EkmConsent As(string username) => new(username, false);
    public static EkmConsent Denied { get; } = new(null, true);
}

/// <summary>One webhook delivery attempt. <see cref="Copy"/> is 0 for the event, 1.. for injected duplicates; <see cref="Attempt"/> 0 is the first try.</summary>
public sealed record EkmWebhookAttempt(
    Guid SubscriptionId,
    string Endpoint,
    string Topic,
    string Username,
    long EntityId,
    int Copy,
    int Attempt,
    int? StatusCode,
    bool TimedOut,
    DateTimeOffset At);

/// <summary>A webhook subscription as the simulator holds it.</summary>
public sealed record EkmWebhookSubscription(Guid Id, string Topic, string Username, string ClientId, string Endpoint, bool IsEnabled);

/// <summary>A shop's order status setting (name as the merchant sees it; orders use its upper-case form).</summary>
public sealed record EkmOrderStatus(string Name, string Colour, bool ShowInQuickStats);
