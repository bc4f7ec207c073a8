namespace Fulfilment.Storage;

/// <summary>
/// Carrier shipments, partitioned by carrier account. Open shipments are found by an index of their own, so the work of
/// finding them does not grow with every shipment ever made.
/// </summary>
public interface IShipmentStore
{
    /// <summary>Records a new shipment (open unless it says otherwise); one already recorded with its key is returned as stored, unchanged.</summary>
    Task<ShipmentRecord> AddAsync(ShipmentRecord shipment, CancellationToken cancellationToken);
    /// <summary>
    /// <see cref="AddAsync"/> for the shipments of one carrier account (a create batch) in a few requests; returns each
    /// as stored, in the order given.
    /// </summary>
    Task<IReadOnlyList<ShipmentRecord>> AddManyAsync(IReadOnlyList<ShipmentRecord> shipments, CancellationToken cancellationToken);
    /// <summary>Replaces the shipment if its ETag still matches (else <see cref="ConcurrencyConflictException"/>), keeping the open index in step.</summary>
    Task SaveAsync(ShipmentRecord shipment, CancellationToken cancellationToken);
    /// <summary>
    /// <see cref="SaveAsync"/> for shipments of one carrier account in a few requests. Returns those not saved because
    /// they changed meanwhile; the others have their new ETags.
    /// </summary>
    Task<IReadOnlyList<ShipmentRecord>> SaveManyAsync(IReadOnlyList<ShipmentRecord> shipments, CancellationToken cancellationToken);
    Task<IReadOnlyList<ShipmentRecord>> ListOpenAsync(string carrierAccountId, CancellationToken cancellationToken);
    /// <summary>The account's open shipments created at or after <paramref name="since"/> (filtered by the service, not here).</summary>
    Task<IReadOnlyList<ShipmentRecord>> ListOpenCreatedSinceAsync(string carrierAccountId, DateTimeOffset since, CancellationToken cancellationToken);
    Task<ShipmentRecord?> GetAsync(string carrierAccountId, string carrierShipmentId, CancellationToken cancellationToken);
}
