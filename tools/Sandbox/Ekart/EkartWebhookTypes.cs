namespace Sandbox.Ekart;

/// <summary>How the HMAC-SHA256 of the raw body is written in the signature header (UNCONFIRMED which Ekart uses).</summary>
public enum EkartSignatureEncoding
{
    /// <summary>Lower-case hexadecimal (the default).</summary>
    Hex,
    Base64,
}

/// <summary>What goes wrong with one webhook delivery.</summary>
public enum EkartWebhookFault
{
    /// <summary>Delivered once, correctly signed.</summary>
    None,
    /// <summary>Signed with a secret that is not the registered one (a forgery).</summary>
    WrongSecret,
    /// <summary>Sent without the signature header.</summary>
    Unsigned,
    /// <summary>Delivered twice, byte for byte.</summary>
    Duplicate,
    /// <summary>Held back and delivered after the shipment's next event: an older event arrives after a newer one.</summary>
    Reorder,
    /// <summary>Delivered after a delay on the simulator's clock (later events may overtake it).</summary>
    Delay,
    /// <summary>Delivered, then the shipment's oldest event is replayed verbatim: a stale event arrives last.</summary>
    Stale,
}

/// <summary>A merchant's webhook endpoint (Ekart's operations team sets these up for real merchants).</summary>
public sealed record EkartWebhookRegistration(
    string MerchantCode, Uri Url, string Secret, string SignatureHeader, EkartSignatureEncoding Encoding);

/// <summary>
/// Random faults for every automatic delivery of a merchant: each delivery draws one fault with these probabilities
/// (the rest are clean) from a generator seeded with <paramref name="Seed"/>, so the same run of events gets the same
/// faults. A delayed delivery waits a random time up to <paramref name="MaxDelay"/> (default 30 s).
/// </summary>
public sealed record EkartWebhookStorm(
    int Seed,
    double WrongSecret = 0,
    double Unsigned = 0,
    double Duplicate = 0,
    double Reorder = 0,
    double Delay = 0,
    double Stale = 0,
    TimeSpan? MaxDelay = null);

/// <summary>
/// One webhook POST the simulator made: what it sent (body, signature as sent, which fault) and what the receiver
/// answered (<paramref name="ResponseStatus"/> null when it did not answer; <paramref name="Error"/> says why).
/// </summary>
public sealed record EkartWebhookDelivery(
    int Sequence,
    string MerchantCode,
    Uri Url,
    string TrackingId,
    string Status,
    string EventId,
    EkartWebhookFault Fault,
    string? Signature,
    string Body,
    DateTimeOffset SentAt,
    int? ResponseStatus,
    string? Error);
