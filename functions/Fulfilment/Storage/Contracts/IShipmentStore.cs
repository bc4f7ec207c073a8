namespace Fulfilment.Storage;

/// <summary>Carrier shipments, partitioned by carrier account.</summary>
public interface IShipmentStore
{
    /// <summary>Idempotent insert-or-replace keyed by account and carrier shipment id.</summary>
    Task UpsertAsync(ShipmentRecord shipment, CancellationToken cancellationToken);
    Task<IReadOnlyList<ShipmentRecord>> ListOpenAsync(string carrierAccountId, CancellationToken cancellationToken);
    Task<ShipmentRecord?> GetAsync(string carrierAccountId, string carrierShipmentId, CancellationToken cancellationToken);
}
