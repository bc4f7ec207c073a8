using Fulfilment.Catalogue;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Shipping;

namespace Fulfilment.Storage;

/// <summary>Thrown when an ETag-guarded write loses a race: someone else changed the entity since it was read.</summary>
public sealed class ConcurrencyConflictException(string entity, Exception? inner = null)
    : Exception($"{entity} was changed by someone else since it was read.", inner);

/// <summary>Channel connections (one row per store), with their cursor and credential.</summary>
public interface IConnectionStore
{
    Task<ChannelConnection?> GetAsync(string connectionId, CancellationToken cancellationToken);
    Task<IReadOnlyList<ChannelConnection>> ListAsync(CancellationToken cancellationToken);
    /// <summary>Inserts (ETag null: replaces any existing row) or replaces if the ETag matches; sets the new ETag.</summary>
    Task SaveAsync(ChannelConnection connection, CancellationToken cancellationToken);
}

/// <summary>Carrier accounts and their credentials.</summary>
public interface ICarrierAccountStore
{
    Task<CarrierAccount?> GetAsync(string accountId, CancellationToken cancellationToken);
    Task<IReadOnlyList<CarrierAccount>> ListAsync(CancellationToken cancellationToken);
    /// <summary>Inserts (ETag null: replaces any existing row) or replaces if the ETag matches; sets the new ETag.</summary>
    Task SaveAsync(CarrierAccount account, CancellationToken cancellationToken);
}

/// <summary>Orders, keyed by connection (partition) and channel order id (row).</summary>
public interface IOrderStore
{
    Task<FulfilmentOrder?> GetAsync(OrderKey key, CancellationToken cancellationToken);
    /// <summary>Inserts a new order. Returns false, changing nothing, when an order with the same key exists.</summary>
    Task<bool> TryAddAsync(FulfilmentOrder order, CancellationToken cancellationToken);
    /// <summary>Replaces the order if its ETag still matches (else <see cref="ConcurrencyConflictException"/>); sets the new ETag.</summary>
    Task SaveAsync(FulfilmentOrder order, CancellationToken cancellationToken);
    /// <summary>Orders, optionally of one state and/or one connection, newest import first is not guaranteed.</summary>
    IAsyncEnumerable<FulfilmentOrder> ListAsync(OrderState? state, string? connectionId, CancellationToken cancellationToken);
}

/// <summary>The product catalogue by SKU.</summary>
public interface IProductStore
{
    Task<Product?> GetAsync(string sku, CancellationToken cancellationToken);
    /// <summary>Products for the SKUs that exist; missing SKUs are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, Product>> GetManyAsync(IEnumerable<string> skus, CancellationToken cancellationToken);
    /// <summary>Upserts in transactions of at most 100 rows of one partition.</summary>
    Task UpsertManyAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken);
    IAsyncEnumerable<Product> ListAsync(CancellationToken cancellationToken);
    Task<bool> DeleteAsync(string sku, CancellationToken cancellationToken);
}

/// <summary>Shipping-method mappings.</summary>
public interface IShippingMappingStore
{
    /// <summary>The connection's own mapping for the method, else the "*" mapping, else null.</summary>
    Task<ShippingMapping?> FindAsync(string connectionId, string shippingMethod, CancellationToken cancellationToken);
    Task<IReadOnlyList<ShippingMapping>> ListAsync(CancellationToken cancellationToken);
    Task UpsertAsync(ShippingMapping mapping, CancellationToken cancellationToken);
    Task<bool> DeleteAsync(string connectionId, string shippingMethod, CancellationToken cancellationToken);
}

/// <summary>Orders normalised and waiting for their carrier account's next create batch (an outbox per account).</summary>
public interface IPendingShipmentStore
{
    /// <summary>Idempotent: adding the same order twice leaves one row.</summary>
    Task AddAsync(string carrierAccountId, OrderKey order, CancellationToken cancellationToken);
    /// <summary>The oldest pending orders of the account, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<OrderKey>> ListAsync(string carrierAccountId, int max, CancellationToken cancellationToken);
    /// <summary>Idempotent: removing a row that is gone is fine.</summary>
    Task RemoveAsync(string carrierAccountId, OrderKey order, CancellationToken cancellationToken);
    /// <summary>The accounts that have at least one pending order.</summary>
    Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken);
}

/// <summary>State of one carrier shipment we track until it is despatched.</summary>
public enum ShipmentState
{
    Open,
    Despatched,
}

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
    public string? ETag { get; set; }
}

/// <summary>Carrier shipments, partitioned by carrier account.</summary>
public interface IShipmentStore
{
    /// <summary>Idempotent insert-or-replace keyed by account and carrier shipment id.</summary>
    Task UpsertAsync(ShipmentRecord shipment, CancellationToken cancellationToken);
    Task<IReadOnlyList<ShipmentRecord>> ListOpenAsync(string carrierAccountId, CancellationToken cancellationToken);
    Task<ShipmentRecord?> GetAsync(string carrierAccountId, string carrierShipmentId, CancellationToken cancellationToken);
}

/// <summary>A held lease; dispose (or <see cref="ReleaseAsync"/>) to give it up early.</summary>
public interface ILease : IAsyncDisposable
{
    string Name { get; }
    DateTimeOffset ExpiresAt { get; }
    /// <summary>Extends the lease; false if it was lost (expired and taken by someone else).</summary>
    Task<bool> RenewAsync(CancellationToken cancellationToken);
    Task ReleaseAsync(CancellationToken cancellationToken);
}

/// <summary>Named leases in Table Storage (ETag-guarded), so one instance at a time does a job such as draining an account.</summary>
public interface ILeaseStore
{
    /// <summary>Takes the lease if it is free or expired; null if someone else holds it.</summary>
    Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken);
}

/// <summary>
/// A request budget shared by every instance (Table Storage counters per one-second window), so a partner's
/// per-account rate limit holds however many instances run.
/// </summary>
public interface IDistributedRateGate
{
    /// <summary>Waits until one request for <paramref name="key"/> fits within <paramref name="permitsPerSecond"/>.</summary>
    ValueTask WaitAsync(string key, int permitsPerSecond, CancellationToken cancellationToken);
}

/// <summary>Sends work to our queues with the encoding host.json expects (base64 of UTF-8 JSON).</summary>
public interface IWorkQueue
{
    Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken, TimeSpan? visibilityDelay = null) where T : Pipeline.IPipelineMessage;
}

/// <summary>Queue and poison-queue depths for Health.</summary>
public interface IQueueInspector
{
    /// <summary>Approximate message count of each of our queues and its poison queue (0 for a queue that does not exist).</summary>
    Task<IReadOnlyDictionary<string, int>> GetDepthsAsync(CancellationToken cancellationToken);
}

/// <summary>Carrier labels in Blob Storage.</summary>
public interface ILabelStore
{
    /// <summary>Stores the PDF and returns the blob name; storing the same name twice overwrites.</summary>
    Task<string> SaveAsync(string carrierAccountId, string carrierShipmentId, byte[] pdf, CancellationToken cancellationToken);
    Task<byte[]?> GetAsync(string blobName, CancellationToken cancellationToken);
}
