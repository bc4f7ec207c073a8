using System.Text.Json.Nodes;

namespace Sandbox.ClickAndDrop;

/// <summary>
/// An order as the simulator holds it, with the request item it was created from so tests can assert what we sent
/// (weights, contents, customs data). Returned as a snapshot: later warehouse changes do not alter it.
/// </summary>
public sealed record SimulatedClickAndDropOrder
{
    public required string AccountId { get; init; }
    public required long OrderIdentifier { get; init; }
    public string? OrderReference { get; init; }
    public required DateTimeOffset CreatedOn { get; init; }
    public DateTimeOffset? OrderDate { get; init; }
    /// <summary>Set when postage is applied (a label exists).</summary>
    public DateTimeOffset? PrintedOn { get; init; }
    public DateTimeOffset? ManifestedOn { get; init; }
    /// <summary>Set when the order is despatched.</summary>
    public DateTimeOffset? ShippedOn { get; init; }
    public string? TrackingNumber { get; init; }
    public bool Deleted { get; init; }
    /// <summary>The CreateOrderRequest item exactly as received (a deep copy).</summary>
    public required JsonObject Request { get; init; }

    /// <summary>Weight of the first package, if any.</summary>
    public int? WeightInGrams => Request["packages"]?.AsArray().FirstOrDefault()?["weightInGrams"]?.GetValue<int>();

    /// <summary>Contents of the first package (empty when none were sent).</summary>
    public IReadOnlyList<JsonObject> Contents =>
        Request["packages"]?.AsArray().FirstOrDefault()?["contents"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
}

/// <summary>Counters of one account, so tests can assert we stayed under the rate limit.</summary>
/// <param name="Requests">Authenticated requests received.</param>
/// <param name="CreateRequests">Of those, <c>POST /orders</c>.</param>
/// <param name="RateLimited">429s answered because the account went over <c>RequestsPerSecond</c> (injected 429s not counted).</param>
/// <param name="MaxRequestsInOneSecond">Most requests that arrived within any one-second window.</param>
public sealed record ClickAndDropAccountStats(int Requests, int CreateRequests, int RateLimited, int MaxRequestsInOneSecond);

/// <summary>One request the simulator answered.</summary>
/// <param name="RawTarget">Path and query exactly as received (still percent-encoded).</param>
public sealed record ClickAndDropRequestLogEntry(DateTimeOffset At, string? AccountId, string Method, string RawTarget, int StatusCode);

/// <summary>The account's warehouse: applies postage and despatches new orders on its own after these delays (both from creation).</summary>
public sealed record ClickAndDropWarehouse(TimeSpan PostageAfter, TimeSpan DespatchAfter);

/// <summary>How the next <c>POST /orders</c> fails after creating its orders.</summary>
public enum CreateThenFailMode
{
    None,
    /// <summary>Creates the orders, then answers 500.</summary>
    ServerError,
    /// <summary>Creates the orders, then does not answer until the stall ends or the client gives up.</summary>
    Stall,
}
