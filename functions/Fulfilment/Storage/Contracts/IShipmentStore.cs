namespace Fulfilment.Storage;

/// <summary>
/// Carrier shipments, partitioned by carrier account. Open shipments are found by an index of their own, so the work of
/// finding them does not grow with every shipment ever made.
/// </summary>
public interface IShipmentStore
{
    /// <summary>Records a new shipment (open unless it says otherwise); one already recorded with its key is returned as stored, unchanged.</summary>
    Task<ShipmentRecord> AddAsync(ShipmentRecord shipment, CancellationToken cancellationToken);
    /// <summary>Replaces the shipment if its ETag still matches (else <see cref="ConcurrencyConflictException"/>), keeping the open index in step.</summary>
    Task SaveAsync(ShipmentRecord shipment, CancellationToken cancellationToken);
    Task<IReadOnlyList<ShipmentRecord>> ListOpenAsync(string carrierAccountId, CancellationToken cancellationToken);
    Task<ShipmentRecord?> GetAsync(string carrierAccountId, string carrierShipmentId, CancellationToken cancellationToken);
}
