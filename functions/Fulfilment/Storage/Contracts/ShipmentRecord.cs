using Fulfilment.Orders;

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
    public string? ETag { get; set; }
    /// <summary>Whether the stored shipment is in the open index; its ETag is then the index row's (storage bookkeeping).</summary>
    internal bool StoredOpen { get; set; }
}
