using System.ComponentModel.DataAnnotations;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>Settings of the BigCommerce channel (configuration section <c>BigCommerce</c>), validated at start-up.</summary>
public sealed class BigCommerceOptions
{
    public const string SectionName = "BigCommerce";

    /// <summary>API root without the store path, e.g. https://api.bigcommerce.com (or the Sandbox's {BaseUrl}/bigcommerce/api).</summary>
    [Required, Url]
    public string ApiBaseUrl { get; set; } = "";

    /// <summary>Login root for the app OAuth exchange, e.g. https://login.bigcommerce.com.</summary>
    [Required, Url]
    public string LoginBaseUrl { get; set; } = "";

    /// <summary>The app's client id (the JWT audience of signed payloads).</summary>
    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>The app's client secret; signs the callbacks' JWTs. Never logged.</summary>
    [Required]
    public string ClientSecret { get; set; } = "";

    /// <summary>Our public /api/bigcommerce/auth URL, sent as redirect_uri in the token exchange.</summary>
    [Url]
    public string? AuthCallbackUrl { get; set; }

    /// <summary>
    /// Our public <c>/api/channels/bigcommerce/webhook</c> URL, subscribed to store/order/created and statusUpdated on
    /// install and re-checked on polls; empty = poll only. BigCommerce accepts only https on port 443.
    /// </summary>
    [Url]
    public string? WebhookUrl { get; set; }

    // Standard Webhooks header names. UNCONFIRMED: BigCommerce's docs show the Standard Webhooks verifier, not the
    // header names it sends, so they are settings (defaults from the Standard Webhooks spec).
    /// <summary>The delivery's id header (the same on every retry of one delivery).</summary>
    [Required, RegularExpression("^[A-Za-z0-9-]+$")]
    public string WebhookIdHeader { get; set; } = "webhook-id";

    /// <summary>The delivery's signing time header, Unix seconds.</summary>
    [Required, RegularExpression("^[A-Za-z0-9-]+$")]
    public string WebhookTimestampHeader { get; set; } = "webhook-timestamp";

    /// <summary>The signature header: space-separated <c>v1,&lt;base64 HMAC-SHA256&gt;</c> values.</summary>
    [Required, RegularExpression("^[A-Za-z0-9-]+$")]
    public string WebhookSignatureHeader { get; set; } = "webhook-signature";

    /// <summary>How far a delivery's signing time may be from our clock, either way, before it is refused as a replay.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a poll re-checks a store's hooks (BigCommerce deactivates a hook silently after ~48 h of failed
    /// deliveries): one GET /v3/hooks per store per interval and instance.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan WebhookRecheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Ask for orders with their lines and shipping addresses inline (<c>include=consignments.line_items</c>), instead
    /// of two more calls per order. An order whose consignments are missing, incomplete or include a pickup is still
    /// read the old way; turn this off only if a store answers the include wrongly.
    /// </summary>
    public bool IncludeConsignments { get; set; } = true;

    /// <summary>Orders per page when polling (BigCommerce default 50, maximum 250).</summary>
    [Range(1, 250)]
    public int PageSize { get; set; } = 50;

    /// <summary>
    /// Retries of one call inside one invocation, for transient failures and, separately, for 429s; the queue's
    /// redelivery is the outer retry.
    /// </summary>
    [Range(0, 6)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>
    /// The longest quota wait we sit out inside one call (a 429's reset, or the store gate holding calls until the
    /// window resets); a 429 asking for longer fails as RateLimited for the queue to retry. BigCommerce's window is
    /// 30 s, so a 429 can ask for up to 30 s: 35 s covers a whole window plus rounding and clock skew, while a poll's
    /// budget is minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(35);

    /// <summary>The wait after a 429 that carries no rate-limit headers (platform load): never an instant retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan HeaderlessRateLimitBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>One attempt of one call (connect, send, read the answer).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>One call's attempts and transient retries together; quota waits come on top (waiting is not failing).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest one call can take, counted from the settings: the store gate's wait, then up to 1 + MaxRetryAttempts
    /// call timeouts with a rate-limit wait between each (defaults: 35 + 4 × 60 + 3 × 35 s = 6 min 20 s). The
    /// HttpClient's own timeout is set just above it, as a backstop that never cuts a wait the settings allow.
    /// </summary>
    public TimeSpan WorstCaseCallDuration() =>
        MaxRateLimitWait + (MaxRetryAttempts + 1) * CallTimeout + MaxRetryAttempts * MaxRateLimitWait;
}
