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
    /// <summary>Orders, optionally of one state and/or one connection, newest import first is not guaranteed.</summary>
    IAsyncEnumerable<FulfilmentOrder> ListAsync(OrderState? state, string? connectionId, CancellationToken cancellationToken);
}
