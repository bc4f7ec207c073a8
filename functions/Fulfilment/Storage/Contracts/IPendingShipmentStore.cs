using Fulfilment.Orders;

namespace Fulfilment.Storage;

/// <summary>An order in a carrier account's outbox, and when it was put there.</summary>
public sealed record PendingOrder(OrderKey Order, DateTimeOffset EnqueuedAt);

/// <summary>Orders normalised and waiting for their carrier account's next create batch (an outbox per account).</summary>
public interface IPendingShipmentStore
{
    /// <summary>Idempotent: adding the same order twice leaves one row.</summary>
    Task AddAsync(string carrierAccountId, OrderKey order, CancellationToken cancellationToken);
    /// <summary>Adds several of the account's orders (a page of a poll) in a few requests, in the order given; idempotent as <see cref="AddAsync"/>.</summary>
    Task AddManyAsync(string carrierAccountId, IReadOnlyList<OrderKey> orders, CancellationToken cancellationToken);
    /// <summary>The oldest pending orders of the account, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<PendingOrder>> ListAsync(string carrierAccountId, int max, CancellationToken cancellationToken);
    /// <summary>Idempotent: removing a row that is gone is fine.</summary>
    Task RemoveAsync(string carrierAccountId, OrderKey order, CancellationToken cancellationToken);
    /// <summary>Removes several of the account's orders (a create batch) in a few requests; idempotent as <see cref="RemoveAsync"/>.</summary>
    Task RemoveManyAsync(string carrierAccountId, IReadOnlyCollection<OrderKey> orders, CancellationToken cancellationToken);
    /// <summary>Orders waiting since before <paramref name="cutoff"/>, in any account, at most <paramref name="max"/> (for the failures view).</summary>
    Task<IReadOnlyList<(string CarrierAccountId, OrderKey Order, DateTimeOffset EnqueuedAt)>> ListWaitingSinceAsync(DateTimeOffset cutoff, int max, CancellationToken cancellationToken);

    /// <summary>The accounts that have at least one pending order.</summary>
    Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken);
}
