using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Sandbox.BigCommerce;

/// <summary>
/// Simulates BigCommerce as our channel sees it: the v2 order API under {BaseUrl}/bigcommerce/api, the login service
/// (token exchange, app install) under {BaseUrl}/bigcommerce/login, and controls under {BaseUrl}/_sandbox/bigcommerce.
/// Tests drive it through the public methods below; the demo can use the HTTP controls. Thread-safe.
/// </summary>
public sealed partial class BigCommerceSimulator : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, SimStore> _stores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly HttpClient _callbacks = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, long> _productIds = new(StringComparer.Ordinal);
    private BigCommerceRegisteredApp? _app;
    private long _nextOrderId = 100;
    private long _nextLineId = 1;
    private long _nextShipmentId = 1;

    public BigCommerceSimulator(TimeProvider time)
    {
        Time = time;
    }

    public TimeProvider Time { get; }

    /// <summary>Set by <see cref="MapRoutes"/> once the host knows its address; used in resource links.</summary>
    public string? BaseUrl { get; set; }

    // ---- stores and orders -------------------------------------------------------------------------------------

    /// <summary>Creates (or resets the token and quota of) a store. Quota is per <paramref name="window"/> (default 30 s), like a Standard plan's 150.</summary>
    public void CreateStore(string storeHash, string? accessToken, int quota = 150, TimeSpan? window = null)
    {
        if (!IsValidHash(storeHash))
            throw new ArgumentException("A store hash is lower-case letters and digits.", nameof(storeHash));
        lock (_lock)
        {
            var store = GetOrAddStore(storeHash);
            store.Token = accessToken;
            store.Quota = quota;
            store.Window = window ?? TimeSpan.FromSeconds(30);
            store.WindowStart = null;
            store.Used = 0;
        }
    }

    /// <summary>The store's current token (null after uninstall), so tests can build a connection after an install.</summary>
    public string? GetAccessToken(string storeHash)
    {
        lock (_lock)
            return Store(storeHash).Token;
    }

    /// <summary>Replaces the store's token, as when the merchant changes email or scopes: the old one answers 401.</summary>
    public string RotateAccessToken(string storeHash)
    {
        lock (_lock)
            return Store(storeHash).Token = NewToken();
    }

    /// <summary>Adds an order and returns its ids. Lines are numbered across the simulator, like BigCommerce's order_product_id.</summary>
    public BigCommerceSeededOrder AddOrder(string storeHash, BigCommerceOrderSeed seed)
    {
        if (seed.Products.Any(p => p.AddressIndex < 0 || (p.Type == "physical" && p.AddressIndex >= seed.ShippingAddresses.Count)))
            throw new ArgumentException("Each physical product's AddressIndex must point at one of the order's shipping addresses.", nameof(seed));
        lock (_lock)
        {
            var store = Store(storeHash);
            var now = Time.GetUtcNow();
            var created = Truncate(seed.CreatedAt ?? now);
            var order = new SimOrder
            {
                Id = _nextOrderId++,
                CustomerId = seed.CustomerId,
                StatusId = seed.StatusId,
                Created = created,
                Modified = Truncate(seed.ModifiedAt ?? seed.CreatedAt ?? now),
                Shipped = seed.StatusId == 2 ? created : null,
                Currency = seed.Currency,
                ShippingCost = seed.ShippingCost,
                CustomerMessage = seed.CustomerMessage,
                Billing = seed.BillingAddress ?? seed.ShippingAddresses.FirstOrDefault() ?? new BigCommerceAddressSeed(),
            };
            foreach (var a in seed.ShippingAddresses)
                order.Addresses.Add(new SimShippingAddress { Id = _nextLineId++, Seed = a });
            foreach (var p in seed.Products)
            {
                var addressId = order.Addresses.Count == 0 ? 0 : order.Addresses[Math.Min(p.AddressIndex, order.Addresses.Count - 1)].Id;
                var line = new SimLine { Id = _nextLineId++, ProductId = ProductIdFor(p.Sku), AddressId = addressId, Seed = p };
                if (seed.StatusId == 2)
                    line.QuantityShipped = line.Quantity;
                order.Lines.Add(line);
            }
            store.Orders.Add(order);
            return new BigCommerceSeededOrder(order.Id, order.Lines.Select(l => l.Id).ToList(), order.Addresses.Select(a => a.Id).ToList());
        }
    }

    /// <summary>The order's current status id (e.g. 2 after every item shipped).</summary>
    public int GetOrderStatus(string storeHash, long orderId)
    {
        lock (_lock)
            return Store(storeHash).Orders.Single(o => o.Id == orderId).StatusId;
    }

    /// <summary>Changes an order's status (and its date_modified), as a merchant would in the control panel.</summary>
    public void SetOrderStatus(string storeHash, long orderId, int statusId)
    {
        lock (_lock)
        {
            var order = Store(storeHash).Orders.Single(o => o.Id == orderId);
            order.StatusId = statusId;
            order.Modified = Truncate(Time.GetUtcNow());
        }
    }

    /// <summary>Shipments posted to the store (optionally for one order), oldest first.</summary>
    public IReadOnlyList<BigCommerceSimShipment> GetShipments(string storeHash, long? orderId = null)
    {
        lock (_lock)
            return Store(storeHash).Shipments.Where(s => orderId is null || s.OrderId == orderId).ToList();
    }

    /// <summary>API requests the store received, oldest first.</summary>
    public IReadOnlyList<BigCommerceRequestRecord> GetRequests(string storeHash)
    {
        lock (_lock)
            return Store(storeHash).Requests.ToList();
    }

    /// <summary>Forgets the store's request log.</summary>
    public void ClearRequests(string storeHash)
    {
        lock (_lock)
            Store(storeHash).Requests.Clear();
    }

    // ---- faults and limits -------------------------------------------------------------------------------------

    /// <summary>Replaces the store's injected faults.</summary>
    public void SetFaults(string storeHash, BigCommerceFaults faults)
    {
        lock (_lock)
            Store(storeHash).Faults = faults;
    }

    /// <summary>Overrides the store's quota and window (and starts a fresh window).</summary>
    public void SetQuota(string storeHash, int quota, TimeSpan? window = null)
    {
        lock (_lock)
        {
            var store = Store(storeHash);
            store.Quota = quota;
            if (window is { } w)
                store.Window = w;
            store.WindowStart = null;
            store.Used = 0;
        }
    }

    // ---- the app ---------------------------------------------------------------------------------------------------

    /// <summary>Registers the one app this simulated BigCommerce knows (its client id, secret and callbacks).</summary>
    public void RegisterApp(string clientId, string clientSecret, string authCallbackUrl, string? loadCallbackUrl = null, string? uninstallCallbackUrl = null)
    {
        lock (_lock)
            _app = new BigCommerceRegisteredApp(clientId, clientSecret, authCallbackUrl, loadCallbackUrl, uninstallCallbackUrl);
    }

    /// <summary>
    /// Mints a real <c>signed_payload_jwt</c> for the store: HS256 with the app's client secret, aud = client id,
    /// iss "bc", iat/nbf = <paramref name="issuedAt"/> (default now), exp = nbf + lifetime (default 24 h).
    /// </summary>
    public string CreateSignedPayload(string storeHash, TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null)
    {
        BigCommerceRegisteredApp app;
        string ownerEmail;
        lock (_lock)
        {
            app = _app ?? throw new InvalidOperationException("Register the app first (RegisterApp).");
            ownerEmail = Store(storeHash).OwnerEmail;
        }
        var iat = (issuedAt ?? Time.GetUtcNow()).ToUnixTimeSeconds();
        var exp = iat + (long)(lifetime ?? TimeSpan.FromHours(24)).TotalSeconds;
        var payload = new Dictionary<string, object?>
        {
            ["aud"] = app.ClientId,
            ["iss"] = "bc",
            ["iat"] = iat,
            ["nbf"] = iat,
            ["exp"] = exp,
            ["jti"] = Guid.NewGuid().ToString(),
            ["sub"] = $"stores/{storeHash}",
            ["user"] = new Dictionary<string, object?> { ["id"] = 24654, ["email"] = ownerEmail, ["locale"] = "en-GB" },
            ["owner"] = new Dictionary<string, object?> { ["id"] = 24654, ["email"] = ownerEmail },
            ["url"] = "/",
            ["channel_id"] = 1,
        };
        return SignHs256(payload, app.ClientSecret);
    }

    /// <summary>The URL BigCommerce's control panel would open for the app (load callback with a fresh JWT).</summary>
    public string CreateLoadUrl(string storeHash)
    {
        var load = _app?.LoadCallbackUrl ?? throw new InvalidOperationException("The registered app has no load callback.");
        return AppendQuery(load, "signed_payload_jwt", CreateSignedPayload(storeHash));
    }

    /// <summary>
    /// Plays the merchant uninstalling: invalidates the store's token, then calls the uninstall callback server-to-server
    /// with a fresh JWT (when the app has one). UNCONFIRMED: that BigCommerce revokes the token before the callback.
    /// Returns the callback's status code (or null when there is no callback).
    /// </summary>
    public async Task<int?> UninstallAsync(string storeHash, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            Store(storeHash).Token = null;
        var uninstall = _app?.UninstallCallbackUrl;
        if (uninstall is null)
            return null;
        var url = AppendQuery(uninstall, "signed_payload_jwt", CreateSignedPayload(storeHash));
        using var response = await _callbacks.GetAsync(url, cancellationToken);
        return (int)response.StatusCode;
    }

    // ---- hosting -----------------------------------------------------------------------------------------------------

    /// <summary>Maps the API, login and control routes.</summary>
    public void MapRoutes(WebApplication app)
    {
        MapApi(app);
        MapLogin(app);
        MapControls(app);
    }

    public void Dispose() => _callbacks.Dispose();

    // ---- helpers -------------------------------------------------------------------------------------------------------

    internal static bool IsValidHash(string? hash) =>
        !string.IsNullOrEmpty(hash) && hash.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9');

    private SimStore Store(string storeHash) =>
        _stores.TryGetValue(storeHash, out var store) ? store : throw new KeyNotFoundException($"No simulated BigCommerce store '{storeHash}'.");

    private SimStore GetOrAddStore(string storeHash)
    {
        if (!_stores.TryGetValue(storeHash, out var store))
            _stores[storeHash] = store = new SimStore(storeHash);
        return store;
    }

    private long ProductIdFor(string sku)
    {
        if (!_productIds.TryGetValue(sku, out var id))
            _productIds[sku] = id = 1000 + _productIds.Count;
        return id;
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string AppendQuery(string url, string name, string value) =>
        url + (url.Contains('?') ? '&' : '?') + name + "=" + Uri.EscapeDataString(value);

    private static string SignHs256(object payload, string secret)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["typ"] = "JWT", ["alg"] = "HS256" }));
        var body = B64(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(header + "." + body));
        return header + "." + body + "." + B64(signature);
    }

    private sealed record PendingCode(string StoreHash, string Scope, DateTimeOffset ExpiresAt);
}
