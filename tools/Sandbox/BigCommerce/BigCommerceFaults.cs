using System.Text.Json.Serialization;

namespace Sandbox.BigCommerce;

/// <summary>Faults to inject on one store's API.</summary>
public sealed record BigCommerceFaults
{
    public TimeSpan Latency { get; init; }
    /// <summary>The next N API requests answer 500.</summary>
    public int Next500 { get; init; }
    /// <summary>The next N API requests answer 429.</summary>
    public int Next429 { get; init; }
    /// <summary>Whether those injected 429s carry the rate-limit headers (false = platform-load 429).</summary>
    public bool Include429Headers { get; init; } = true;
    /// <summary>The wait the injected 429s advertise.</summary>
    public TimeSpan RetryAfter429 { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// The next N shipment creates (POST /v2/orders/{id}/shipments) are carried out, and then answered 500, or held for
    /// <see cref="StallAfterActing"/> first when it is set (a client gives up on them: a timeout after the shipment exists).
    /// </summary>
    public int ShipmentCreatesFailAfterActing { get; init; }
    public TimeSpan StallAfterActing { get; init; }
}

/// <summary>
/// How the order list breaks ties between orders with the same sort key (e.g. the same <c>date_modified</c> second).
/// UNCONFIRMED which one BigCommerce uses: a client must not depend on it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<BigCommerceTieOrder>))]
public enum BigCommerceTieOrder
{
    /// <summary>Lowest id first (the simulator's default).</summary>
    IdAscending,
    /// <summary>Highest id first: a client that assumed id order sees its pages out of order.</summary>
    IdDescending,
}

/// <summary>A change a merchant, another app or our own write-back makes to an order, scripted to happen between list requests.</summary>
/// <param name="Kind">What happens to the order.</param>
/// <param name="StatusId">The new status for <see cref="BigCommerceOrderChangeKind.SetStatus"/>.</param>
public sealed record BigCommerceOrderChange(long OrderId, BigCommerceOrderChangeKind Kind, int? StatusId = null);

/// <summary>The kinds of <see cref="BigCommerceOrderChange"/>. Each one moves the order's <c>date_modified</c> to now.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BigCommerceOrderChangeKind>))]
public enum BigCommerceOrderChangeKind
{
    /// <summary>The merchant edits the order (e.g. its note): same status, later modification time.</summary>
    Edit,
    /// <summary>Every item left to ship is shipped (as our write-back does): status 2 Shipped.</summary>
    Ship,
    /// <summary>The status changes to <see cref="BigCommerceOrderChange.StatusId"/>.</summary>
    SetStatus,
}
