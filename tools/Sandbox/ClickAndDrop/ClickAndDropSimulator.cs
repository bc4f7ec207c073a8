using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.ClickAndDrop;

/// <summary>
/// Simulates the Royal Mail Click &amp; Drop API under <c>{BaseUrl}/clickanddrop/api/v1</c> (see ClickAndDrop/README.md):
/// accounts keyed by API key, order creation with the spec's validation, lookups by id or quoted reference, labels for
/// OBA accounts, a per-account rate limit with counters, fault injection (including foreign 404s and an outage window
/// on the simulator's clock) and a warehouse that applies postage and despatches on its own. Tests drive it through the
/// public methods; the demo and other processes through <c>/_sandbox/clickanddrop</c>.
/// </summary>
public sealed partial class ClickAndDropSimulator : IDisposable
{
    /// <summary>Path prefix of the simulated API.</summary>
    public const string ApiPrefix = "/clickanddrop/api/v1";
    /// <summary>Path prefix of the control endpoints.</summary>
    public const string ControlPrefix = "/_sandbox/clickanddrop";

    private readonly object _lock = new();
    private readonly Dictionary<string, ClickAndDropAccountState> _accounts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, SimulatedClickAndDropOrder> _orders = new();
    private readonly ITimer _warehouseTimer;
    private long _nextOrderIdentifier = 1001;
    private int _nextTrackingSerial = 12345678;
    private int _requestsPerSecond = 5;
    private ClickAndDropNorthernIrelandRule _northernIrelandRule = ClickAndDropNorthernIrelandRule.RequiredForBusinessSenders;
    private ClickAndDropOutage? _outage;

    public ClickAndDropSimulator(TimeProvider time)
    {
        Time = time;
        _warehouseTimer = time.CreateTimer(_ => RunWarehouse(), null, WarehouseTick, WarehouseTick);
    }

    /// <summary>The simulator's clock: the rate limit, latency, stalls, the outage window and the warehouse follow it.</summary>
    public TimeProvider Time { get; }

    /// <summary>Requests per second per account above which the API answers 429 (Click &amp; Drop's documented limit is 5).</summary>
    public int RequestsPerSecond
    {
        get { lock (_lock) return _requestsPerSecond; }
        set { lock (_lock) _requestsPerSecond = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)); }
    }

    /// <summary>How strictly <c>isRecipientABusiness</c> is required on GB → Northern Ireland orders (see the enum: UNCONFIRMED).</summary>
    public ClickAndDropNorthernIrelandRule NorthernIrelandBusinessFlag
    {
        get { lock (_lock) return _northernIrelandRule; }
        set { lock (_lock) _northernIrelandRule = value; }
    }

    /// <summary>How often the warehouse looks for orders to move on.</summary>
    public static TimeSpan WarehouseTick { get; } = TimeSpan.FromMilliseconds(250);

    public void MapRoutes(IEndpointRouteBuilder app)
    {
        MapApi(app);
        MapControl(app);
    }

    // ---- Accounts ----

    /// <summary>
    /// Adds or replaces an account. <paramref name="isOba"/>: an Online Business Account, which may fetch labels.
    /// <paramref name="isBusinessSender"/> defaults to <paramref name="isOba"/> (an OLP account may declare itself one).
    /// </summary>
    public void AddAccount(string accountId, string apiKey, bool isOba, ClickAndDropWarehouse? warehouse = null, bool? isBusinessSender = null)
    {
        lock (_lock)
            _accounts[accountId] = new ClickAndDropAccountState(accountId, apiKey, isOba, isBusinessSender ?? isOba) { Warehouse = warehouse };
    }

    /// <summary>Turns the account's warehouse on (postage and despatch on their own after the delays) or off (null).</summary>
    public void SetWarehouse(string accountId, ClickAndDropWarehouse? warehouse)
    {
        lock (_lock) Account(accountId).Warehouse = warehouse;
    }

    // ---- What happened ----

    /// <summary>The account's orders (deleted ones included, flagged), oldest first.</summary>
    public IReadOnlyList<SimulatedClickAndDropOrder> Orders(string accountId)
    {
        lock (_lock) return _orders.Values.Where(o => o.AccountId == accountId).ToList();
    }

    /// <summary>One order by its Click &amp; Drop id, or null.</summary>
    public SimulatedClickAndDropOrder? Order(long orderIdentifier)
    {
        lock (_lock) return _orders.GetValueOrDefault(orderIdentifier);
    }

    /// <summary>
    /// Creates an order directly, as if the merchant had made it in Click &amp; Drop or another integration had sent it
    /// (e.g. a second order with one of our references). The item is stored as given, without validation.
    /// </summary>
    public SimulatedClickAndDropOrder SeedOrder(string accountId, string? orderReference, JsonObject? item = null)
    {
        item ??= new JsonObject();
        if (orderReference is not null) item["orderReference"] = orderReference;
        lock (_lock) return CreateOrderLocked(Account(accountId), item, Time.GetUtcNow());
    }

    /// <summary>Number of <c>POST /orders</c> calls the account made.</summary>
    public int CreateRequestCount(string accountId) => Stats(accountId).CreateRequests;

    public ClickAndDropAccountStats Stats(string accountId)
    {
        lock (_lock) return Account(accountId).Stats();
    }

    /// <summary>Every request made with the account's key, oldest first.</summary>
    public IReadOnlyList<ClickAndDropRequestLogEntry> RequestLog(string accountId)
    {
        lock (_lock) return Account(accountId).Log.ToList();
    }

    public void Dispose() => _warehouseTimer.Dispose();

    private ClickAndDropAccountState Account(string accountId) =>
        _accounts.TryGetValue(accountId, out var account) ? account : throw new KeyNotFoundException($"No Click & Drop account '{accountId}' in the simulator.");

    private SimulatedClickAndDropOrder CreateOrderLocked(ClickAndDropAccountState account, JsonObject item, DateTimeOffset now)
    {
        var orderDate = item["orderDate"] is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
            ? date
            : (DateTimeOffset?)null;
        var order = new SimulatedClickAndDropOrder
        {
            AccountId = account.Id,
            OrderIdentifier = _nextOrderIdentifier++,
            OrderReference = item["orderReference"] is JsonValue reference && reference.TryGetValue<string>(out var r) ? r : null,
            CreatedOn = now,
            OrderDate = orderDate,
            Request = (JsonObject)item.DeepClone(),
        };
        _orders[order.OrderIdentifier] = order;
        return order;
    }

    /// <summary>Orders of the account matching the identifiers, in identifier order, each once; a reference can match several.</summary>
    private List<SimulatedClickAndDropOrder> FindLocked(ClickAndDropAccountState account, IEnumerable<ClickAndDropIdentifier> identifiers)
    {
        var result = new List<SimulatedClickAndDropOrder>();
        var seen = new HashSet<long>();
        foreach (var identifier in identifiers)
        {
            var matches = identifier.OrderIdentifier is { } id
                ? _orders.TryGetValue(id, out var o) ? [o] : []
                : _orders.Values.Where(x => string.Equals(x.OrderReference, identifier.OrderReference, StringComparison.Ordinal));
            result.AddRange(matches.Where(m => m.AccountId == account.Id && !m.Deleted && seen.Add(m.OrderIdentifier)));
        }
        return result;
    }
}
