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

    /// <summary>Orders per page when polling (BigCommerce default 50, maximum 250).</summary>
    [Range(1, 250)]
    public int PageSize { get; set; } = 50;

    /// <summary>Retries of one call inside one invocation; the queue's redelivery is the outer retry.</summary>
    [Range(0, 6)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The longest rate-limit wait we sit out inside one call; a longer one fails as RateLimited for the queue to retry.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after a 429 that carries no rate-limit headers (platform load): never an instant retry.</summary>
    public TimeSpan HeaderlessRateLimitBackoff { get; set; } = TimeSpan.FromSeconds(2);
}
