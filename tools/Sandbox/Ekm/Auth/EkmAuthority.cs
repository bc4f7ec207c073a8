using System.Security.Cryptography;

namespace Sandbox.Ekm.Auth;

/// <summary>
/// The simulated identity server at <c>/connect</c> (EKM's is IdentityServer-based): registered apps, consent,
/// authorization codes, single-use refresh tokens and JWT access tokens. Thread-safe; time from the simulator's clock.
/// </summary>
internal sealed partial class EkmAuthority(TimeProvider time, Func<EkmSimulatorOptions> options, Func<string, bool> shopExists)
{
    private readonly object _lock = new();
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, EkmApp> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _accessTokenOwners = new(StringComparer.Ordinal); // jti → username
    private readonly Dictionary<string, DateTimeOffset> _expiredAccessTokens = new(StringComparer.Ordinal); // jti → when
    private EkmConsent? _consent;

    public void RegisterApp(string clientId, string clientSecret, string redirectUri, IEnumerable<string>? allowedScopes)
    {
        var scopes = new HashSet<string>(allowedScopes ?? EkmScopes.Known, StringComparer.Ordinal);
        if (scopes.FirstOrDefault(s => !EkmScopes.Known.Contains(s)) is { } unknown)
            throw new ArgumentException($"'{unknown}' is not an EKM scope.", nameof(allowedScopes));
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
            throw new ArgumentException("The redirect URI must be absolute.", nameof(redirectUri));
        lock (_lock)
            _apps[clientId] = new EkmApp(clientId, clientSecret, redirectUri, scopes);
    }

    /// <summary>Who answers the next authorize requests (sticky until changed).</summary>
    public EkmConsent? Consent
    {
        get { lock (_lock) return _consent; }
        set { lock (_lock) _consent = value; }
    }

    /// <summary>Revokes the shop's live refresh tokens (for one app or all), as a password change or a consent elsewhere does.</summary>
    public int RevokeRefreshTokens(string username, string? clientId = null)
    {
        lock (_lock)
        {
            var live = _refreshTokens.Values.Where(g => g.Username == username && (clientId is null || g.ClientId == clientId) && g.IsLive).ToList();
            foreach (var grant in live)
                grant.Revoked = true;
            return live.Count;
        }
    }

    /// <summary>Every access token already issued for the shop answers 401 as expired from now on.</summary>
    public void ExpireAccessTokens(string username)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var (jti, owner) in _accessTokenOwners)
            {
                if (owner == username)
                    _expiredAccessTokens.TryAdd(jti, now);
            }
        }
    }

    /// <summary>How many refresh tokens of the shop could still be used (not used, revoked or lapsed).</summary>
    public int LiveRefreshTokenCount(string username)
    {
        var now = time.GetUtcNow();
        lock (_lock)
            return _refreshTokens.Values.Count(g => g.Username == username && g.IsLive && !HasLapsed(g, now));
    }

    private bool HasLapsed(RefreshGrant grant, DateTimeOffset now)
    {
        var o = options();
        return now - grant.LastUsed > o.RefreshTokenIdleLifetime
            || (o.RefreshTokenAbsoluteLifetime is { } absolute && now - grant.ChainStarted > absolute);
    }

    // IdentityServer's handles: 32 random bytes as upper-case hex.
    private static string NewHandle() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    private sealed record PendingCode(
        string ClientId, string Username, string RedirectUri, IReadOnlyList<string> Scopes, string? Nonce,
        string? CodeChallenge, string? CodeChallengeMethod, DateTimeOffset IssuedAt);

    private sealed class RefreshGrant(string clientId, string username, IReadOnlyList<string> scopes, DateTimeOffset chainStarted, DateTimeOffset lastUsed)
    {
        public string ClientId { get; } = clientId;
        public string Username { get; } = username;
        public IReadOnlyList<string> Scopes { get; } = scopes;
        public DateTimeOffset ChainStarted { get; } = chainStarted;
        public DateTimeOffset LastUsed { get; } = lastUsed;
        public bool Used { get; set; }
        public bool Revoked { get; set; }
        public bool IsLive => !Used && !Revoked;
    }
}
