using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.Ekart;

/// <summary>
/// Simulates Ekart's Classic ("Durin") API under <c>{BaseUrl}/ekart</c>, mirroring <c>https://api.ekartlogistics.com</c>:
/// bearer tokens from <c>/auth/token</c>, forward shipment creation with Ekart's validation, tracking, cancel/RTO, a
/// simulated courier that moves shipments on (by hand or on a schedule driven by the <see cref="TimeProvider"/>),
/// signed tracking webhooks with faults, injected API faults and a request log. Tests drive it through the public
/// methods; other processes through <c>/_sandbox/ekart</c>. See tools/Sandbox/Ekart/README.md.
/// </summary>
public sealed partial class EkartSimulator : IDisposable
{
    /// <summary>Path prefix of the simulated API (the pipeline's Ekart base URL is <c>{BaseUrl}/ekart</c>).</summary>
    public const string ApiPrefix = "/ekart";
    /// <summary>Path prefix of the control endpoints.</summary>
    public const string ControlPrefix = "/_sandbox/ekart";
    /// <summary>The merchant header Ekart requires on every call (underscores and all).</summary>
    public const string MerchantHeader = "HTTP_X_MERCHANT_CODE";

    private readonly object _lock = new();
    private readonly Dictionary<string, EkartMerchantState> _merchants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EkartShipmentState> _shipments = new(StringComparer.Ordinal);
    private readonly List<EkartRequestLogEntry> _log = [];
    private readonly EkartTokens _tokens = new();
    private readonly EkartFaultState _faults = new();
    private readonly EkartWebhookEmitter _webhooks;
    private readonly ITimer _courierTimer;
    private TimeSpan _tokenLifetime = TimeSpan.FromMinutes(50);
    private EkartTrackShape _trackShape = EkartTrackShape.KeyedByTrackingId;

    public EkartSimulator(TimeProvider time)
    {
        Time = time;
        _webhooks = new EkartWebhookEmitter(time);
        _courierTimer = time.CreateTimer(_ => RunCourier(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The simulator's clock: token expiry, event times, the courier's schedule, stalls and delays all follow it.</summary>
    public TimeProvider Time { get; }

    /// <summary>Lifetime of the bearer tokens issued from now on (default 50 minutes; Ekart's document says 60).</summary>
    public TimeSpan TokenLifetime
    {
        get { lock (_lock) return _tokenLifetime; }
        set { lock (_lock) _tokenLifetime = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value)); }
    }

    /// <summary>Shape of the <c>/v2/shipments/track</c> answer (UNCONFIRMED which one Ekart sends; keyed by default).</summary>
    public EkartTrackShape TrackShape
    {
        get { lock (_lock) return _trackShape; }
        set { lock (_lock) _trackShape = value; }
    }

    public void MapRoutes(IEndpointRouteBuilder app)
    {
        MapApi(app);
        MapControl(app);
    }

    // ---- Merchants ----

    /// <summary>
    /// Adds or replaces a merchant: its 3-character code (HTTP_X_MERCHANT_CODE and the tracking id prefix), the Token
    /// Ekart issued (the secret of <c>Authorization: Basic</c> on <c>/auth/token</c>) and its registered location codes.
    /// </summary>
    public void AddMerchant(string merchantCode, string token, params string[] locationCodes)
    {
        if (!MerchantCodeShape().IsMatch(merchantCode))
            throw new ArgumentException("An Ekart merchant code is 3 upper-case letters or digits.", nameof(merchantCode));
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (locationCodes.FirstOrDefault(c => string.IsNullOrWhiteSpace(c) || c.Length > 120) is { } bad)
            throw new ArgumentException($"Location code '{bad}' is empty or longer than 120 characters.", nameof(locationCodes));
        lock (_lock)
            _merchants[merchantCode] = new EkartMerchantState(merchantCode, token, locationCodes)
            {
                Courier = _merchants.GetValueOrDefault(merchantCode)?.Courier,
            };
    }

    public IReadOnlyList<EkartMerchantInfo> Merchants()
    {
        lock (_lock) return _merchants.Values.OrderBy(m => m.Code, StringComparer.Ordinal).Select(m => m.ToInfo()).ToList();
    }

    // ---- What happened ----

    /// <summary>One shipment by tracking id, or null.</summary>
    public EkartShipmentSnapshot? Shipment(string trackingId)
    {
        lock (_lock)
        {
            CatchUpCourierLocked(Time.GetUtcNow());
            return _shipments.GetValueOrDefault(trackingId)?.ToSnapshot();
        }
    }

    /// <summary>The merchant's shipments, oldest first.</summary>
    public IReadOnlyList<EkartShipmentSnapshot> Shipments(string merchantCode)
    {
        lock (_lock)
        {
            CatchUpCourierLocked(Time.GetUtcNow());
            return _shipments.Values.Where(s => s.MerchantCode == merchantCode)
                .OrderBy(s => s.CreatedAt).ThenBy(s => s.TrackingId, StringComparer.Ordinal)
                .Select(s => s.ToSnapshot()).ToList();
        }
    }

    /// <summary>Every request to the simulated API, oldest first.</summary>
    public IReadOnlyList<EkartRequestLogEntry> RequestLog()
    {
        lock (_lock) return _log.ToList();
    }

    public void ClearRequestLog()
    {
        lock (_lock) _log.Clear();
    }

    // ---- Tokens ----

    /// <summary>Every bearer token issued so far expires now: the next call with one gets Ekart's expiry answer.</summary>
    public void ExpireTokens()
    {
        lock (_lock) _tokens.ExpireAll(Time.GetUtcNow());
    }

    public void Dispose()
    {
        _courierTimer.Dispose();
        _webhooks.Dispose();
    }

    private EkartMerchantState Merchant(string merchantCode) =>
        _merchants.TryGetValue(merchantCode, out var merchant) ? merchant : throw new KeyNotFoundException($"No Ekart merchant '{merchantCode}' in the simulator.");

    [GeneratedRegex("^[A-Z0-9]{3}$")]
    private static partial Regex MerchantCodeShape();
}
