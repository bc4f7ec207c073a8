using Fulfilment.Orders;

namespace Fulfilment.Storage;

/// <summary>A despatched order whose tracking must still reach its channel, and how its attempts went.</summary>
public sealed record PendingWriteBack(OrderKey Order, DateTimeOffset EnqueuedAt, DateTimeOffset DueAt, int Attempts, string? LastError, string? TraceParent);

/// <summary>
/// Despatched orders waiting to be written back to their channel, with when to try next: write-back is driven from this
/// state, for as long as a channel outage lasts, not from a queue message's few attempts.
/// </summary>
public interface IWriteBackOutbox
{
    /// <summary>Adds the order, due at <paramref name="dueAt"/>; an order already waiting keeps its attempts and history.</summary>
    Task AddAsync(OrderKey order, DateTimeOffset dueAt, string? traceParent, CancellationToken cancellationToken);
    /// <summary><see cref="AddAsync"/> for several orders (a carrier sync's despatches) in a few requests.</summary>
    Task AddManyAsync(IReadOnlyList<(OrderKey Order, string? TraceParent)> orders, DateTimeOffset dueAt, CancellationToken cancellationToken);
    Task<PendingWriteBack?> GetAsync(OrderKey order, CancellationToken cancellationToken);
    /// <summary>Sets when to try next and records the attempt that failed (if any). A removed order stays removed.</summary>
    Task RescheduleAsync(OrderKey order, DateTimeOffset dueAt, int attempts, string? lastError, CancellationToken cancellationToken);
    /// <summary>Sets only when to try next (attempts and history kept). A removed order stays removed.</summary>
    Task DeferAsync(OrderKey order, DateTimeOffset dueAt, CancellationToken cancellationToken);
    /// <summary>Idempotent.</summary>
    Task RemoveAsync(OrderKey order, CancellationToken cancellationToken);
    /// <summary><see cref="RemoveAsync"/> for several orders (a write-back message's) in a few requests.</summary>
    Task RemoveManyAsync(IReadOnlyCollection<OrderKey> orders, CancellationToken cancellationToken);
    /// <summary>Orders due at or before <paramref name="now"/>, oldest due first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<PendingWriteBack>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);
    /// <summary>Every waiting order, at most <paramref name="max"/> (the outbox is drained continuously, so it stays small).</summary>
    Task<IReadOnlyList<PendingWriteBack>> ListAsync(int max, CancellationToken cancellationToken);
}
