using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace Sandbox.ClickAndDrop;

/// <summary>
/// Simulates the Royal Mail Click &amp; Drop API under <c>{BaseUrl}/clickanddrop/api/v1</c> (see tools/Sandbox/README.md):
/// accounts keyed by API key, order creation with the spec's validation, lookups by id or quoted reference, labels for
/// OBA accounts, a per-account rate limit with counters, fault injection and a warehouse that applies postage and
/// despatches on its own. Tests drive it through the public methods; the demo through <c>/_sandbox/clickanddrop</c>.
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

    public ClickAndDropSimulator(TimeProvider time)
    {
        Time = time;
        _warehouseTimer = time.CreateTimer(_ => RunWarehouse(), null, WarehouseTick, WarehouseTick);
    }

    public TimeProvider Time { get; }

    /// <summary>Requests per second per account above which the API answers 429 (Click &amp; Drop's documented limit is 5).</summary>
    public int RequestsPerSecond { get; set; } = 5;

    /// <summary>How often the warehouse looks for orders to move on.</summary>
    public static TimeSpan WarehouseTick { get; } = TimeSpan.FromMilliseconds(250);

    public void MapRoutes(WebApplication app)
    {
        MapApi(app);
        MapControl(app);
    }

    // ---- Accounts ----

    /// <summary>Adds or replaces an account. <paramref name="isOba"/>: an Online Business Account, which may fetch labels.</summary>
    public void AddAccount(string accountId, string apiKey, bool isOba, ClickAndDropWarehouse? warehouse = null)
    {
        lock (_lock)
            _accounts[accountId] = new ClickAndDropAccountState(accountId, apiKey, isOba) { Warehouse = warehouse };
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

    /// <summary>Number of <c>POST /orders</c> calls the account made.</summary>
    public int CreateRequestCount(string accountId) => Stats(accountId).CreateRequests;

    public ClickAndDropAccountStats Stats(string accountId)
    {
        lock (_lock)
        {
            var a = Account(accountId);
            return new ClickAndDropAccountStats(a.Requests, a.CreateRequests, a.RateLimited, a.MaxRequestsInOneSecond);
        }
    }

    /// <summary>Every request made with the account's key, oldest first.</summary>
    public IReadOnlyList<ClickAndDropRequestLogEntry> RequestLog(string accountId)
    {
        lock (_lock) return Account(accountId).Log.ToList();
    }

    // ---- Faults ----

    /// <summary>Delays every answer to the account by <paramref name="latency"/> (zero to stop).</summary>
    public void InjectLatency(string accountId, TimeSpan latency)
    {
        lock (_lock) Account(accountId).Latency = latency;
    }

    /// <summary>The account's next <paramref name="count"/> requests answer 500.</summary>
    public void FailNext(string accountId, int count)
    {
        lock (_lock) Account(accountId).FailNext = count;
    }

    /// <summary>The account's next <paramref name="count"/> requests answer 429 with <c>Retry-After: retryAfterSeconds</c>.</summary>
    public void RateLimitNext(string accountId, int count, int retryAfterSeconds = 1)
    {
        lock (_lock)
        {
            var a = Account(accountId);
            a.RateLimitNext = count;
            a.RateLimitRetryAfterSeconds = retryAfterSeconds;
        }
    }

    /// <summary>
    /// The account's next <c>POST /orders</c> creates its orders and then fails (500, or no answer for
    /// <paramref name="stallFor"/>, default 2 minutes), so the client sees an ambiguous failure.
    /// </summary>
    public void CreateThenFail(string accountId, CreateThenFailMode mode = CreateThenFailMode.ServerError, TimeSpan? stallFor = null)
    {
        lock (_lock)
        {
            var a = Account(accountId);
            a.CreateThenFail = mode;
            a.StallFor = stallFor ?? TimeSpan.FromMinutes(2);
        }
    }

    public void ClearFaults(string accountId)
    {
        lock (_lock)
        {
            var a = Account(accountId);
            a.Latency = TimeSpan.Zero;
            a.FailNext = 0;
            a.RateLimitNext = 0;
            a.CreateThenFail = CreateThenFailMode.None;
        }
    }

    // ---- Warehouse ----

    /// <summary>Applies postage now: sets printedOn and a tracking number. False if the order is unknown or deleted.</summary>
    public bool ApplyPostage(long orderIdentifier)
    {
        lock (_lock) return ApplyPostageLocked(orderIdentifier, Time.GetUtcNow());
    }

    /// <summary>Despatches now (applying postage first if needed). False if the order is unknown or deleted.</summary>
    public bool Despatch(long orderIdentifier)
    {
        lock (_lock) return DespatchLocked(orderIdentifier, Time.GetUtcNow());
    }

    /// <summary>Applies postage to every open order of the account; returns how many changed.</summary>
    public int ApplyPostageAll(string accountId)
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            return _orders.Values.Where(o => o.AccountId == accountId && o.PrintedOn is null && !o.Deleted).Select(o => o.OrderIdentifier).ToList()
                .Count(id => ApplyPostageLocked(id, now));
        }
    }

    /// <summary>Despatches every order of the account not yet despatched; returns how many changed.</summary>
    public int DespatchAll(string accountId)
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            return _orders.Values.Where(o => o.AccountId == accountId && o.ShippedOn is null && !o.Deleted).Select(o => o.OrderIdentifier).ToList()
                .Count(id => DespatchLocked(id, now));
        }
    }

    public void Dispose() => _warehouseTimer.Dispose();

    private void RunWarehouse()
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            foreach (var order in _orders.Values.Where(o => !o.Deleted && o.ShippedOn is null).ToList())
            {
                if (!_accounts.TryGetValue(order.AccountId, out var account) || account.Warehouse is not { } warehouse)
                    continue;
                if (order.PrintedOn is null && now - order.CreatedOn >= warehouse.PostageAfter)
                    ApplyPostageLocked(order.OrderIdentifier, now);
                if (now - order.CreatedOn >= warehouse.DespatchAfter)
                    DespatchLocked(order.OrderIdentifier, now);
            }
        }
    }

    private bool ApplyPostageLocked(long orderIdentifier, DateTimeOffset now)
    {
        if (!_orders.TryGetValue(orderIdentifier, out var order) || order.Deleted) return false;
        if (order.PrintedOn is not null) return true;
        _orders[orderIdentifier] = order with
        {
            PrintedOn = now,
            TrackingNumber = RoyalMailTrackingNumber.Create("TT", _nextTrackingSerial++),
        };
        return true;
    }

    private bool DespatchLocked(long orderIdentifier, DateTimeOffset now)
    {
        if (!ApplyPostageLocked(orderIdentifier, now)) return false;
        var order = _orders[orderIdentifier];
        if (order.ShippedOn is null) _orders[orderIdentifier] = order with { ShippedOn = now };
        return true;
    }

    private ClickAndDropAccountState Account(string accountId) =>
        _accounts.TryGetValue(accountId, out var account) ? account : throw new KeyNotFoundException($"No Click & Drop account '{accountId}' in the simulator.");

    private SimulatedClickAndDropOrder CreateOrderLocked(ClickAndDropAccountState account, JsonObject item, DateTimeOffset now)
    {
        var orderDate = item["orderDate"]?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var date)
            ? date
            : (DateTimeOffset?)null;
        var order = new SimulatedClickAndDropOrder
        {
            AccountId = account.Id,
            OrderIdentifier = _nextOrderIdentifier++,
            OrderReference = item["orderReference"]?.GetValue<string>(),
            CreatedOn = now,
            OrderDate = orderDate,
            Request = (JsonObject)item.DeepClone(),
        };
        _orders[order.OrderIdentifier] = order;
        return order;
    }
}
