using System.Text.Json.Nodes;

namespace Sandbox.Ekart;

/// <summary>One entry of a shipment's history, as <c>/v2/shipments/track</c> and the webhooks report it.</summary>
public sealed record EkartTrackingEvent(int Sequence, string Status, DateTimeOffset At, string City, string HubName, string PublicDescription);

/// <summary>One item of a <c>/v2/shipments/rto/create</c> call and what the simulator did with it.</summary>
public sealed record EkartCancellation(DateTimeOffset At, string Reason, bool Accepted, string? ResultingStatus, string? RejectedBecause);

/// <summary>Where a shipment starts or ends: a registered location code, or the address sent.</summary>
public sealed record EkartPlace(string? LocationCode, string City, string State, string Pincode, string AddressLine1, string AddressLine2);

/// <summary>
/// A shipment as the simulator holds it, returned as a snapshot: its current status, history (oldest first), the
/// cancellations asked for, and the service_detail exactly as it was sent, so tests can assert what the pipeline sent.
/// </summary>
public sealed record EkartShipmentSnapshot(
    string TrackingId,
    string MerchantCode,
    string ClientReferenceId,
    string Status,
    bool IsCod,
    decimal AmountToCollect,
    decimal ShipmentValue,
    DateTimeOffset CreatedAt,
    EkartPlace Source,
    EkartPlace Destination,
    IReadOnlyList<EkartTrackingEvent> History,
    IReadOnlyList<EkartCancellation> Cancellations,
    JsonObject Request);

/// <summary>Mutable shipment state; guarded by the simulator's lock.</summary>
internal sealed class EkartShipmentState
{
    public required string TrackingId { get; init; }
    public required string MerchantCode { get; init; }
    public required string ClientReferenceId { get; init; }
    public required bool IsCod { get; init; }
    public required decimal AmountToCollect { get; init; }
    public required decimal ShipmentValue { get; init; }
    public required decimal WeightKg { get; init; }
    public required string ServiceCode { get; init; }
    public required string DeliveryType { get; init; }
    public required string VendorName { get; init; }
    public required EkartPlace Source { get; init; }
    public required EkartPlace Destination { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The service_detail as received (a deep copy).</summary>
    public required JsonObject Request { get; init; }
    public List<EkartTrackingEvent> History { get; } = [];
    public List<EkartCancellation> Cancellations { get; } = [];

    public string Status => History[^1].Status;
    public EkartTrackingEvent Latest => History[^1];
    /// <summary>The parcel has left the seller (any event past pickup, other than a cancellation).</summary>
    public bool HasBeenPickedUp => History.Any(e => !EkartStatuses.IsBeforePickup(e.Status) && e.Status != EkartStatuses.Cancelled);

    public EkartShipmentSnapshot ToSnapshot() => new(
        TrackingId, MerchantCode, ClientReferenceId, Status, IsCod, AmountToCollect, ShipmentValue, CreatedAt,
        Source, Destination, History.ToList(), Cancellations.ToList(), (JsonObject)Request.DeepClone());
}
