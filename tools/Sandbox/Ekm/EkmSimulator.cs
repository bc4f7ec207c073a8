using Microsoft.AspNetCore.Routing;
using Sandbox.Ekm.Auth;

namespace Sandbox.Ekm;

/// <summary>
/// Simulates the EKM Partner API ("Tempest") on its real paths under <c>/ekm</c> (so <c>{sandbox}/ekm</c> stands for
/// <c>https://api.ekm.net</c>): the OAuth2 identity server at <c>/ekm/connect</c>, orders, order statuses, products,
/// despatch write-back and webhooks at <c>/ekm/api</c>, with EKM's leaky-bucket rate limit, plus controls under
/// <c>/_sandbox/ekm</c>. Tests drive it through the public methods; see tools/Sandbox/Ekm/README.md. Thread-safe.
/// </summary>
public sealed partial class EkmSimulator : IDisposable
{
    /// <summary>Path prefix standing for https://api.ekm.net.</summary>
    public const string Prefix = "/ekm";
    /// <summary>Path prefix of the simulator's controls.</summary>
    public const string ControlPrefix = "/_sandbox/ekm";

    private readonly object _lock = new();
    private readonly EkmClock _clock;
    private readonly EkmAuthority _authority;
    private readonly EkmWebhookDispatcher _webhooks;
    private readonly Dictionary<string, EkmShop> _shops = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ClientId, string Username), EkmLeakyBucket> _buckets = new();
    private readonly List<EkmRequestRecord> _requests = [];
    private EkmSimulatorOptions _options;
    private EkmFaults _tokenFaults = new();
    private long _nextOrderId = 1001;
    private long _nextLineId = 50001;
    private long _nextProductId = 101;
    private long _nextCustomerId = 9001;

    public EkmSimulator(TimeProvider time, EkmSimulatorOptions? options = null)
    {
        _clock = new EkmClock(time);
        _options = options ?? new EkmSimulatorOptions();
        _authority = new EkmAuthority(_clock, () => Options, ShopExists);
        _webhooks = new EkmWebhookDispatcher(_clock, () => Options.Webhooks);
    }

    /// <summary>The simulator's clock: the injected provider, moved on by <see cref="AdvanceClock"/>.</summary>
    public TimeProvider Time => _clock;

    /// <summary>Behaviour where EKM's contract is silent, and time compression for webhooks. Replace it at any time.</summary>
    public EkmSimulatorOptions Options
    {
        get => Volatile.Read(ref _options);
        set => Volatile.Write(ref _options, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Maps the identity server, the API and the controls.</summary>
    public void MapRoutes(IEndpointRouteBuilder app)
    {
        MapConnect(app);
        MapApi(app);
        MapControls(app);
    }

    // ---- apps, shops and consent -----------------------------------------------------------------------------------

    /// <summary>
    /// Registers (or replaces) a partner app: its credentials, the one redirect URI registered on partners.ekm.net,
    /// and the scopes it may ask for (default: all of EKM's).
    /// </summary>
    public void RegisterApp(string clientId, string clientSecret, string redirectUri, IEnumerable<string>? allowedScopes = null) =>
        _authority.RegisterApp(clientId, clientSecret, redirectUri, allowedScopes);

    /// <summary>Creates a shop whose merchant signs in as <paramref name="username"/> (the tokens' <c>sub</c>). The first shop consents by default.</summary>
    public void CreateShop(string username)
    {
        if (string.IsNullOrWhiteSpace(username))
            throw new ArgumentException("A shop needs a username.", nameof(username));
        lock (_lock)
        {
            if (_shops.ContainsKey(username))
                throw new InvalidOperationException($"Shop '{username}' exists already.");
            _shops[username] = new EkmShop(username);
        }
        _authority.Consent ??= EkmConsent.As(username);
    }

    /// <summary>The merchant of <paramref name="username"/> signs in and consents to the next authorize requests.</summary>
    public void ConsentAs(string username)
    {
        _ = Shop(username);
        _authority.Consent = EkmConsent.As(username);
    }

    /// <summary>The merchant refuses the next authorize requests: the redirect carries <c>error=access_denied</c>.</summary>
    public void DenyConsent() => _authority.Consent = EkmConsent.Denied;

    /// <summary>Adds a custom order status to the shop (orders then use its upper-case name).</summary>
    public void AddOrderStatus(string username, string name, string colour = "#000000", bool showInQuickStats = false)
    {
        lock (_lock)
        {
            var shop = Shop(username);
            if (shop.HasStatusCode(EkmShop.OrderStatusCode(name)))
                throw new InvalidOperationException($"Status '{name}' exists already.");
            shop.Statuses.Add(new EkmOrderStatus(name, colour, showInQuickStats));
        }
    }

    /// <summary>The shop's order statuses, as GET /api/v1/settings/orderstatuses lists them.</summary>
    public IReadOnlyList<EkmOrderStatus> GetOrderStatuses(string username)
    {
        lock (_lock)
            return Shop(username).Statuses.ToList();
    }

    public void Dispose() => _webhooks.Dispose();

    private bool ShopExists(string username)
    {
        lock (_lock)
            return _shops.ContainsKey(username);
    }

    private EkmShop Shop(string username)
    {
        lock (_lock)
            return _shops.TryGetValue(username, out var shop) ? shop : throw new KeyNotFoundException($"No simulated EKM shop '{username}'.");
    }
}
