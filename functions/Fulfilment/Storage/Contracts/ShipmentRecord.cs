using Fulfilment.Orders;
using Fulfilment.Tracking;

namespace Fulfilment.Storage;

/// <summary>A carrier shipment: which order it belongs to and what we know of it.</summary>
public sealed class ShipmentRecord
{
    public required string CarrierAccountId { get; init; }
    public required string CarrierShipmentId { get; init; }
    public required string Carrier { get; init; }
    public required OrderKey Order { get; init; }
    public required string Reference { get; init; }
    public ShipmentState State { get; set; } = ShipmentState.Open;
    public string? TrackingNumber { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DespatchedAt { get; set; }
    /// <summary>Blob name of the stored label, once fetched.</summary>
    public string? LabelBlob { get; set; }
    /// <summary>Why the carrier refuses to give the label, once it has said so; no label is asked for again.</summary>
    public string? LabelProblem { get; set; }
    /// <summary>Where the shipment is as its tracking events say (carriers that report them); null before the first one.</summary>
    public TrackingState? TrackingState { get; set; }
    /// <summary>The event time of <see cref="TrackingState"/>.</summary>
    public DateTimeOffset? TrackingStateAt { get; set; }
    /// <summary>The carrier's own code of that event, for display.</summary>
    public string? CarrierStatus { get; set; }
    /// <summary>When we last heard of the shipment (an event arrived, or we asked the carrier); silence after this is polled.</summary>
    public DateTimeOffset? LastHeardAt { get; set; }
    public string? ETag { get; set; }
    /// <summary>Whether the stored shipment is in the open index; its ETag is then the index row's (storage bookkeeping).</summary>
    internal bool StoredOpen { get; set; }
}
