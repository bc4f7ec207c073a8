using System.ComponentModel.DataAnnotations;

namespace Fulfilment.Channels.Ekm;

/// <summary>Settings of the EKM channel (configuration section <c>Ekm</c>), validated at start-up.</summary>
public sealed class EkmOptions
{
    public const string SectionName = "Ekm";

    /// <summary>Partner API root, https://api.ekm.net (or the Sandbox's {BaseUrl}/ekm); paths /api/v2/… are added.</summary>
    [Required, Url]
    public string ApiBaseUrl { get; set; } = "";

    /// <summary>Identity server root, https://api.ekm.net; paths /connect/authorize and /connect/token are added.</summary>
    [Required, Url]
    public string AuthBaseUrl { get; set; } = "";

    /// <summary>The app's client id from partners.ekm.net (not a secret).</summary>
    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>The app's client secret; only ever sent to the token endpoint. Never logged.</summary>
    [Required]
    public string ClientSecret { get; set; } = "";

    /// <summary>Our public <c>/api/channels/ekm/oauth</c> URL, exactly as registered on partners.ekm.net.</summary>
    [Required, Url]
    public string RedirectUrl { get; set; } = "";

    /// <summary>Our public <c>/api/channels/ekm/webhook</c> URL, subscribed to order.created/updated on connect; empty = poll only.</summary>
    [Url]
    public string? WebhookUrl { get; set; }

    /// <summary>Requests per second per store, shared by every instance (EKM leaks 2 a second from a bucket of 40).</summary>
    [Range(1, 2)]
    public int RequestsPerSecond { get; set; } = 2;

    /// <summary>When an answer says this few requests are left in the bucket, later calls wait for it to drain a little.</summary>
    [Range(0, 39)]
    public int LowBucketRemaining { get; set; } = 4;

    /// <summary>Orders per page (EKM allows at most 20).</summary>
    [Range(1, 20)]
    public int PageSize { get; set; } = 20;

    /// <summary>Retries of one call inside one invocation; the queue's redelivery is the outer retry.</summary>
    [Range(0, 6)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The longest rate-limit wait we sit out inside one call; a longer one fails as RateLimited for the queue to retry.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after a 429 without Retry-After (EKM documents no Retry-After: UNCONFIRMED); one leak is 1 s.</summary>
    public TimeSpan RateLimitBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>An access token this close to its expiry is refreshed before use.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Paid means payment_status SUCCESS and, when this is on, a transaction id too (Linnworks' advice; whether every
    /// gateway sets one is UNCONFIRMED, so a shop whose gateway leaves it empty can turn this off).
    /// </summary>
    public bool RequireTransactionId { get; set; } = true;

    /// <summary>EKM orders carry no currency; EKM is a UK platform, so GBP (UNCONFIRMED for shops selling in others).</summary>
    [Required, RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "GBP";

    /// <summary>Grams per unit of product_weight. EKM does not state the unit: kilograms assumed (UNCONFIRMED).</summary>
    [Range(0.001, 100000)]
    public decimal ProductWeightUnitGrams { get; set; } = 1000m;

    /// <summary>Ask EKM to email the customer when we set the despatched status (tracking is written first, so it can be in it: UNCONFIRMED).</summary>
    public bool EmailCustomerOnDespatch { get; set; } = true;
}
