using Fulfilment.Orders;

namespace Fulfilment.Storage;

/// <summary>Orders, keyed by connection (partition) and channel order id (row).</summary>
public interface IOrderStore
{
    Task<FulfilmentOrder?> GetAsync(OrderKey key, CancellationToken cancellationToken);
    /// <summary>Inserts a new order. Returns false, changing nothing, when an order with the same key exists.</summary>
    Task<bool> TryAddAsync(FulfilmentOrder order, CancellationToken cancellationToken);
    /// <summary>Replaces the order if its ETag still matches (else <see cref="ConcurrencyConflictException"/>); sets the new ETag.</summary>
    Task SaveAsync(FulfilmentOrder order, CancellationToken cancellationToken);
    /// <summary>
    /// <see cref="TryAddAsync"/> for several new orders in a few requests (a page of a poll). Returns those not added
    /// because an order with the same key exists; the others are added, with their ETags.
    /// </summary>
    Task<IReadOnlyList<FulfilmentOrder>> TryAddManyAsync(IReadOnlyList<FulfilmentOrder> orders, CancellationToken cancellationToken);
    /// <summary>Reads several orders in a few requests (a batch of work); orders that do not exist are absent.</summary>
    Task<IReadOnlyDictionary<OrderKey, FulfilmentOrder>> GetManyAsync(IReadOnlyCollection<OrderKey> keys, CancellationToken cancellationToken);
    /// <summary>
    /// <see cref="SaveAsync"/> for several orders in a few requests, each guarded by its own ETag. Returns the orders
    /// that were not saved because they changed meanwhile (read them again); the others have their new ETags.
    /// </summary>
    Task<IReadOnlyList<FulfilmentOrder>> SaveManyAsync(IReadOnlyList<FulfilmentOrder> orders, CancellationToken cancellationToken);
    /// <summary>Orders, optionally of one state and/or one connection, newest import first is not guaranteed.</summary>
    IAsyncEnumerable<FulfilmentOrder> ListAsync(OrderState? state, string? connectionId, CancellationToken cancellationToken);
}
