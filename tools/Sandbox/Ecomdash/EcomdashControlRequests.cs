namespace Sandbox.Ecomdash;

/// <summary>Body of <c>POST /_sandbox/ecomdash/developer-keys</c>.</summary>
public sealed record EcomdashDeveloperKeyRequest(string Key);

/// <summary>Body of <c>PUT …/merchants/{id}/subscription</c>: false lapses it.</summary>
public sealed record EcomdashSubscriptionRequest(bool Active);

/// <summary>Body of <c>PUT …/merchants/{id}/throttle</c>; absent members stay as they are.</summary>
public sealed record EcomdashThrottleRequest(int? CallsPerMinute = null, int? ConcurrentCallsPerOperation = null);

/// <summary>Body of <c>POST …/merchants/{id}/warehouses</c> and <c>…/carriers</c>.</summary>
public sealed record EcomdashNameRequest(string Name);

/// <summary>Body of <c>PUT …/products/{productId}/active</c>.</summary>
public sealed record EcomdashActiveRequest(bool Active);

/// <summary>Body of <c>PUT …/orders/{orderId}/status</c>: New, InProcess or Complete.</summary>
public sealed record EcomdashOrderStatusRequest(EcomdashOrderStatus Status);

/// <summary>
/// Body of <c>PUT …/merchants/{id}/faults</c>, replacing the merchant's faults (absent members: no such fault).
/// Times in milliseconds or seconds as named; outage instants ISO 8601; <c>outageSeconds</c> starts one now instead.
/// </summary>
public sealed record EcomdashFaultsRequest(
    int LatencyMs = 0,
    int Next500 = 0,
    int Next429 = 0,
    int RetryAfterSeconds = 10,
    int TimeoutsAfterActing = 0,
    int ServerErrorsAfterActing = 0,
    string? AfterActingOperation = null,
    double StallSeconds = 120,
    DateTimeOffset? OutageFrom = null,
    DateTimeOffset? OutageUntil = null,
    double? OutageSeconds = null);

/// <summary>Body of <c>POST …/merchants/{id}/envelope</c>: the next <c>times</c> calls of <c>operation</c> answer 200 with that status.</summary>
public sealed record EcomdashEnvelopeRequest(string Operation, EcomdashEnvelopeStatus Status, IReadOnlyList<string>? Messages = null, int Times = 1);

/// <summary>Body of <c>POST …/merchants/{id}/consume-quota</c> (calls now) and <c>PUT …/background-load</c> (calls a minute).</summary>
public sealed record EcomdashQuotaRequest(int Calls = 0, int CallsPerMinute = 0);

/// <summary>What <c>GET …/merchants/{id}/throttle</c> answers.</summary>
public sealed record EcomdashThrottleState(
    int CallsInWindow,
    int CallsPerMinute,
    int ConcurrentCallsPerOperation,
    int BackgroundCallsPerMinute,
    IReadOnlyDictionary<string, int> InFlight);
