namespace Sandbox.Ekm;

/// <summary>
/// What the simulated EKM does where its public contract is silent (UNCONFIRMED points) or where tests need time
/// compressed. The defaults follow the published contract; see tools/Sandbox/Ekm/README.md.
/// </summary>
public sealed record EkmSimulatorOptions
{
    /// <summary>Send <c>Retry-After</c> (whole seconds until the next leak) with a 429. EKM documents no such header: UNCONFIRMED.</summary>
    public bool SendRetryAfter { get; init; } = true;

    /// <summary>Leaky bucket per app + merchant, as documented: 40 tokens, 2 leak every second, 1 per request.</summary>
    public int BucketSize { get; init; } = 40;
    public int LeakAmount { get; init; } = 2;
    public TimeSpan LeakInterval { get; init; } = TimeSpan.FromSeconds(1);
    public int RequestCost { get; init; } = 1;

    /// <summary>Access tokens are JWTs valid 1 h. No clock skew is allowed (stricter than a default JwtBearer API's 5 min).</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>An authorization code is single-use and lives this long (IdentityServer's own default is 5 min: UNCONFIRMED).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A refresh token lapses this long after the chain was last used (documented: 15 days).</summary>
    public TimeSpan RefreshTokenIdleLifetime { get; init; } = TimeSpan.FromDays(15);

    /// <summary>A cap on a refresh chain's age regardless of use; EKM documents none, so none by default.</summary>
    public TimeSpan? RefreshTokenAbsoluteLifetime { get; init; }

    /// <summary>A new consent for the same app and shop invalidates earlier refresh tokens (Zynk's EKM notes say so).</summary>
    public bool NewConsentRevokesEarlierRefreshTokens { get; init; } = true;

    /// <summary>Page size when <c>limit</c> is absent: UNCONFIRMED.</summary>
    public int DefaultPageSize { get; init; } = 10;

    /// <summary>Fire <c>order.updated</c> when an app changes an order through the API (not only when the merchant does): UNCONFIRMED.</summary>
    public bool FireOrderUpdatedOnApiWrites { get; init; } = true;

    /// <summary>How webhook deliveries behave: duplicates, delays, retries and the timeout.</summary>
    public EkmWebhookBehaviour Webhooks { get; init; } = new();
}

/// <summary>
/// Webhook delivery as EKM documents it (5 s timeout, 20 retries at 200 ms × 1.97^n, duplicates possible), with
/// <see cref="TimeScale"/> to compress the waits (0.001 turns the 21 h of retries into about 80 s).
/// </summary>
public sealed record EkmWebhookBehaviour
{
    /// <summary>Extra copies of every event (EKM warns that duplicates happen).</summary>
    public int Duplicates { get; init; }

    /// <summary>Wait before the first attempt (before scaling).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    /// <summary>A delivery that has not answered 200 OK within this time has failed (documented: 5 s; not scaled).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after the first attempt (documented: 20).</summary>
    public int MaxRetries { get; init; } = 20;

    /// <summary>Multiplies <see cref="Delay"/> and the retry back-off; 1 is real time.</summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Send <c>entity_id</c> as a JSON string (the documentation quotes it); false sends a number: UNCONFIRMED.</summary>
    public bool EntityIdAsString { get; init; } = true;

    /// <summary>Delay before retry <paramref name="retry"/> (1-based), before scaling: 200 ms × 1.97^(retry-1).</summary>
    public static TimeSpan RetryDelay(int retry) => TimeSpan.FromMilliseconds(200 * Math.Pow(1.97, retry - 1));
}
