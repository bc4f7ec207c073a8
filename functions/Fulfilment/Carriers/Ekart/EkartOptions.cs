using Microsoft.Extensions.Options;

namespace Fulfilment.Carriers.Ekart;

/// <summary>What the merchant's Token is (UNCONFIRMED: integrations disagree).</summary>
public enum EkartTokenMode
{
    /// <summary>The Token is the Basic secret of <c>POST /auth/token</c>, exchanged for a bearer JWT that expires (Ekart's B2C document, most integrations).</summary>
    Exchange,
    /// <summary>The Token is itself a long-lived value sent as <c>Authorization</c> on every call (seen in some integrations).</summary>
    Static,
}

/// <summary>Settings of section <c>Ekart</c> (the Classic API); validated at start-up. UNCONFIRMED points are settings, not releases.</summary>
public sealed class EkartOptions
{
    public const string SectionName = "Ekart";

    /// <summary>Absolute API root: https://api.ekartlogistics.com (staging https://staging.ekartlogistics.com; the Sandbox {BaseUrl}/ekart).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>How the merchant Token is used (UNCONFIRMED; <see cref="EkartTokenMode.Exchange"/> by default).</summary>
    public EkartTokenMode TokenMode { get; set; } = EkartTokenMode.Exchange;

    /// <summary>A cached bearer token is renewed this long before its JWT says it expires.</summary>
    public TimeSpan TokenRenewBefore { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a bearer token is used when its expiry cannot be read from it (integrators cache 40–59 minutes).</summary>
    public TimeSpan TokenFallbackLifetime { get; set; } = TimeSpan.FromMinutes(40);

    /// <summary>Requests per second per account across every instance (Ekart's real limit is UNCONFIRMED).</summary>
    public int RequestsPerSecond { get; set; } = 10;

    /// <summary>Shipments per create call (Ekart's limit is UNCONFIRMED).</summary>
    public int MaxShipmentsPerRequest { get; set; } = 25;

    /// <summary>Tracking ids per track call (UNCONFIRMED).</summary>
    public int MaxTrackingIdsPerRequest { get; set; } = 50;

    /// <summary>goods_category of every shipment: NON_ESSENTIAL or ESSENTIAL.</summary>
    public string GoodsCategory { get; set; } = "NON_ESSENTIAL";

    /// <summary>HSN lengths sent (comma-separated digit counts); other codes are left out. Ekart's document asks for 8 (UNCONFIRMED whether 4 or 6 are taken).</summary>
    public string HsnLengths { get; set; } = "8";

    /// <summary>Text of a create rejection that means "this tracking id exists already" (UNCONFIRMED wording; integrators match this).</summary>
    public string AlreadyPresentText { get; set; } = "already present";

    /// <summary>Text of a 403 body that means rate limiting rather than a refused token (Ekart documents 403 {"forbidden":"Rate limit exceeded"}).</summary>
    public string RateLimitForbiddenText { get; set; } = "Rate limit exceeded";

    /// <summary>Header holding the webhook's HMAC-SHA256 of the raw body (UNCONFIRMED name; hex or Base64 both accepted).</summary>
    public string WebhookSignatureHeader { get; set; } = "X-Ekart-Signature";

    /// <summary>A webhook event older than this is stale and refused (401); the track poll still picks its news up.</summary>
    public TimeSpan WebhookMaxEventAge { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A webhook event dated further ahead than this is refused (401) as not genuine.</summary>
    public TimeSpan WebhookMaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Longest wait for one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for one call including its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Retries after the first attempt (rate limits always; 5xx and timeouts only for track).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A rate limit asking us to wait longer than this is not retried in-call: the queue or next run waits instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The HSN lengths as numbers.</summary>
    public IReadOnlySet<int> HsnLengthSet() =>
        HsnLengths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out var n) ? n : -1).Where(n => n > 0).ToHashSet();
}

/// <summary>Fails start-up with the setting's name when an Ekart setting is missing or out of range.</summary>
public sealed class EkartOptionsValidator : IValidateOptions<EkartOptions>
{
    public ValidateOptionsResult Validate(string? name, EkartOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            failures.Add("Ekart:BaseUrl must be an absolute http(s) URL, e.g. https://api.ekartlogistics.com.");
        if (options.TokenRenewBefore < TimeSpan.Zero || options.TokenRenewBefore > TimeSpan.FromHours(1))
            failures.Add("Ekart:TokenRenewBefore must be between 0 and 1 hour.");
        if (options.TokenFallbackLifetime <= TimeSpan.Zero)
            failures.Add("Ekart:TokenFallbackLifetime must be positive.");
        if (options.RequestsPerSecond is < 1 or > 1000)
            failures.Add("Ekart:RequestsPerSecond must be between 1 and 1000.");
        if (options.MaxShipmentsPerRequest is < 1 or > 500)
            failures.Add("Ekart:MaxShipmentsPerRequest must be between 1 and 500.");
        if (options.MaxTrackingIdsPerRequest is < 1 or > 500)
            failures.Add("Ekart:MaxTrackingIdsPerRequest must be between 1 and 500.");
        if (options.GoodsCategory is not ("NON_ESSENTIAL" or "ESSENTIAL"))
            failures.Add("Ekart:GoodsCategory must be NON_ESSENTIAL or ESSENTIAL.");
        if (options.HsnLengthSet().Count == 0)
            failures.Add("Ekart:HsnLengths must list at least one digit count, e.g. 8 or 4,6,8.");
        if (string.IsNullOrWhiteSpace(options.AlreadyPresentText))
            failures.Add("Ekart:AlreadyPresentText must not be empty.");
        if (string.IsNullOrWhiteSpace(options.RateLimitForbiddenText))
            failures.Add("Ekart:RateLimitForbiddenText must not be empty.");
        if (string.IsNullOrWhiteSpace(options.WebhookSignatureHeader) || options.WebhookSignatureHeader.Any(c => c <= ' ' || c == ':'))
            failures.Add("Ekart:WebhookSignatureHeader must be an HTTP header name.");
        if (options.WebhookMaxEventAge <= TimeSpan.Zero)
            failures.Add("Ekart:WebhookMaxEventAge must be positive.");
        if (options.WebhookMaxClockSkew < TimeSpan.Zero)
            failures.Add("Ekart:WebhookMaxClockSkew must not be negative.");
        if (options.AttemptTimeout <= TimeSpan.Zero)
            failures.Add("Ekart:AttemptTimeout must be positive.");
        if (options.TotalTimeout < options.AttemptTimeout)
            failures.Add("Ekart:TotalTimeout must be at least Ekart:AttemptTimeout.");
        if (options.MaxRetryAttempts is < 0 or > 10)
            failures.Add("Ekart:MaxRetryAttempts must be between 0 and 10.");
        if (options.RetryBaseDelay < TimeSpan.Zero)
            failures.Add("Ekart:RetryBaseDelay must not be negative.");
        if (options.MaxRetryAfter < TimeSpan.Zero)
            failures.Add("Ekart:MaxRetryAfter must not be negative.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
