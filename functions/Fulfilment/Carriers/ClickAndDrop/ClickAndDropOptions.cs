using Microsoft.Extensions.Options;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>How the Authorization header carries the API key.</summary>
public enum ClickAndDropAuthorizationScheme
{
    /// <summary><c>Authorization: &lt;key&gt;</c>, what most Click &amp; Drop clients in the wild send.</summary>
    RawKey,
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>, what the spec's security definition suggests.</summary>
    Bearer,
}

/// <summary>Settings of section <c>ClickAndDrop</c>; validated at start-up.</summary>
public sealed class ClickAndDropOptions
{
    public const string SectionName = "ClickAndDrop";

    /// <summary>Absolute API base, e.g. https://api.parcel.royalmail.com/api/v1 (the Sandbox: {BaseUrl}/clickanddrop/api/v1).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Click &amp; Drop answers 429 above 5 calls per second per account; every instance together stays under this.</summary>
    public int RequestsPerSecond { get; set; } = 5;

    /// <summary>Orders per <c>POST /orders</c>. The API's maximum is UNCONFIRMED (the spec only says at least 1), so it is a setting.</summary>
    public int MaxOrdersPerRequest { get; set; } = 100;

    /// <summary>
    /// Whether Online Business Accounts ask for each order's postage label in the create response
    /// (<c>label.includeLabelInResponse</c>), so no label is downloaded one order at a time; an order whose label does
    /// not come (its <c>labelErrors</c>) is downloaded later. Other accounts get no labels through the API either way.
    /// </summary>
    public bool LabelInCreateResponse { get; set; } = true;

    /// <summary>
    /// Whether the key is sent raw or as "Bearer key". UNCONFIRMED which the real API requires: the spec hints at Bearer,
    /// most clients in the wild send the raw key, so raw is the default and switching is a setting, not a release.
    /// </summary>
    public ClickAndDropAuthorizationScheme AuthorizationScheme { get; set; } = ClickAndDropAuthorizationScheme.RawKey;

    /// <summary>Longest wait for one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for one call including its retries; keep it well inside the function's own timeout.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Retries after the first attempt (429 always; 5xx and timeouts only for GETs).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A 429 asking us to wait longer than this is not retried in-call: the queue's redelivery waits instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Fails start-up with the setting's name when a ClickAndDrop setting is missing or out of range.</summary>
public sealed class ClickAndDropOptionsValidator : IValidateOptions<ClickAndDropOptions>
{
    public ValidateOptionsResult Validate(string? name, ClickAndDropOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            failures.Add("ClickAndDrop:BaseUrl must be an absolute http(s) URL, e.g. https://api.parcel.royalmail.com/api/v1.");
        if (options.RequestsPerSecond is < 1 or > 100)
            failures.Add("ClickAndDrop:RequestsPerSecond must be between 1 and 100.");
        if (options.MaxOrdersPerRequest is < 1 or > 1000)
            failures.Add("ClickAndDrop:MaxOrdersPerRequest must be between 1 and 1000.");
        if (options.AttemptTimeout <= TimeSpan.Zero)
            failures.Add("ClickAndDrop:AttemptTimeout must be positive.");
        if (options.TotalTimeout < options.AttemptTimeout)
            failures.Add("ClickAndDrop:TotalTimeout must be at least ClickAndDrop:AttemptTimeout.");
        if (options.MaxRetryAttempts is < 0 or > 10)
            failures.Add("ClickAndDrop:MaxRetryAttempts must be between 0 and 10.");
        if (options.RetryBaseDelay < TimeSpan.Zero)
            failures.Add("ClickAndDrop:RetryBaseDelay must not be negative.");
        if (options.MaxRetryAfter < TimeSpan.Zero)
            failures.Add("ClickAndDrop:MaxRetryAfter must not be negative.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
