namespace Sandbox.BigCommerce.State;

/// <summary>Everything the simulator holds for one store: credentials, orders, limits, faults and what it was asked.</summary>
internal sealed class SimStore(string hash)
{
    public string Hash { get; } = hash;
    public string? Token { get; set; }
    public string AccountUuid { get; } = Guid.NewGuid().ToString();
    public string OwnerEmail { get; set; } = $"owner@{hash}.example";

    public QuotaWindow Quota { get; } = new();
    public BigCommerceFaults Faults { get; set; } = new();
    /// <summary>Every API call answers 503 from <c>From</c> (inclusive) to <c>Until</c> (exclusive) on the simulator's clock.</summary>
    public (DateTimeOffset From, DateTimeOffset Until)? Outage { get; set; }
    public BigCommerceTieOrder TieOrder { get; set; }
    /// <summary>Another app spends one request of the window after every Nth request of ours (0: no other app).</summary>
    public int OtherAppEvery { get; set; }
    public int AdmittedForOtherApp { get; set; }

    public List<SimOrder> Orders { get; } = [];
    /// <summary>v3 hooks by id.</summary>
    public Dictionary<long, BigCommerceHook> Hooks { get; } = [];
    public List<BigCommerceSimShipment> Shipments { get; } = [];
    public List<BigCommerceRequestRecord> Requests { get; } = [];
    public ListScript ListScript { get; } = new();

    public int RateLimited { get; set; }
    public int InFlight { get; set; }
    public int MaxInFlight { get; set; }

    public SimOrder Order(long orderId) =>
        Orders.FirstOrDefault(o => o.Id == orderId) ?? throw new KeyNotFoundException($"Store '{Hash}' has no order {orderId}.");

    public bool IsInOutage(DateTimeOffset now) => Outage is { } o && now >= o.From && now < o.Until;
}

/// <summary>
/// Changes scripted to happen after the Nth answered GET /v2/orders: they run before that answer is sent, so before
/// the client can ask for the next page, which makes "an order changes while we page" reproducible.
/// </summary>
internal sealed class ListScript
{
    private readonly Dictionary<int, List<Action>> _after = [];

    /// <summary>GET /v2/orders requests answered by the listing (not the ones refused before it).</summary>
    public int ListRequests { get; private set; }

    public void After(int listRequest, Action change)
    {
        if (!_after.TryGetValue(listRequest, out var changes))
            _after[listRequest] = changes = [];
        changes.Add(change);
    }

    /// <summary>Counts one answered list request and hands back what is scripted after it (run outside the lock).</summary>
    public IReadOnlyList<Action> Answered()
    {
        ListRequests++;
        return _after.Remove(ListRequests, out var changes) ? changes : [];
    }
}
