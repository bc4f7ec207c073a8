namespace Sandbox.Ekart;

/// <summary>Body of <c>POST /_sandbox/ekart/merchants</c>.</summary>
public sealed record EkartMerchantRequest(string MerchantCode, string Token, string[]? LocationCodes = null);

/// <summary>
/// Body of <c>PUT /_sandbox/ekart/merchants/{code}/courier</c>: a <paramref name="Preset"/> ("realistic", "quick" or
/// "off"), or every step <paramref name="StepSeconds"/> apart.
/// </summary>
public sealed record EkartCourierRequest(string? Preset = null, double? StepSeconds = null);

/// <summary>Body of <c>POST /_sandbox/ekart/shipments/{trackingId}/advance</c>.</summary>
public sealed record EkartAdvanceRequest(string Status);

/// <summary>
/// Body of <c>POST /_sandbox/ekart/faults</c>; absent fields leave that fault as it is. Outage: either
/// <paramref name="OutageSeconds"/> from now, or <paramref name="OutageFrom"/>/<paramref name="OutageUntil"/>.
/// </summary>
public sealed record EkartFaultRequest(
    int? LatencyMs = null,
    int? FailNext = null,
    EkartOperation? FailOnly = null,
    int? RateLimitNext = null,
    double? RetryAfterSeconds = null,
    EkartOperation? RateLimitOnly = null,
    EkartRateLimitStyle? RateLimitStyle = null,
    EkartOperation? ActThenFail = null,
    EkartActThenFailMode? ActThenFailMode = null,
    double? StallSeconds = null,
    double? OutageSeconds = null,
    DateTimeOffset? OutageFrom = null,
    DateTimeOffset? OutageUntil = null);

/// <summary>Body of <c>POST /_sandbox/ekart/tokens</c>: a new lifetime for tokens issued from now on, and/or expire every token now.</summary>
public sealed record EkartTokenRequest(double? LifetimeSeconds = null, bool ExpireAll = false);

/// <summary>Body of <c>PUT /_sandbox/ekart/track-shape</c>.</summary>
public sealed record EkartTrackShapeRequest(EkartTrackShape Shape);

/// <summary>Body of <c>POST /_sandbox/ekart/webhooks</c>.</summary>
public sealed record EkartWebhookRequest(
    string MerchantCode, string Url, string Secret, string? SignatureHeader = null, EkartSignatureEncoding Encoding = EkartSignatureEncoding.Hex);

/// <summary>Body of <c>POST /_sandbox/ekart/webhooks/{merchantCode}/faults</c>.</summary>
public sealed record EkartWebhookFaultsRequest(EkartWebhookFault[] Faults);

/// <summary>Body of <c>PUT /_sandbox/ekart/webhooks/{merchantCode}/storm</c> (probabilities 0–1).</summary>
public sealed record EkartWebhookStormRequest(
    int Seed, double WrongSecret = 0, double Unsigned = 0, double Duplicate = 0, double Reorder = 0, double Delay = 0,
    double Stale = 0, double? MaxDelaySeconds = null);

/// <summary>Body of <c>POST /_sandbox/ekart/shipments/{trackingId}/webhooks</c>.</summary>
public sealed record EkartSendWebhookRequest(EkartWebhookFault Fault = EkartWebhookFault.None, int? Sequence = null);
