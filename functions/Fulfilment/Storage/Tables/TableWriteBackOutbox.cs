using Azure;
using Azure.Data.Tables;
using Fulfilment.Orders;

namespace Fulfilment.Storage.Tables;

/// <summary>The write-back outbox: one row per waiting order (PK the connection, RK the order id), with DueAt to find the due ones.</summary>
public sealed class TableWriteBackOutbox(TableServiceClient service, TimeProvider time) : IWriteBackOutbox
{
    private const int MaxActionsPerTransaction = 100;
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.WriteBacks);

    public async Task AddAsync(OrderKey order, DateTimeOffset dueAt, string? traceParent, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(NewEntry(order, dueAt, traceParent), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsConflict())
        {
            // Waiting already: keep its attempts and its place.
        }
    }

    /// <summary>
    /// The orders of one connection go together in transactions of up to 100; if one is waiting already, its transaction
    /// fails as a whole and those orders are added one by one (each keeping what is there).
    /// </summary>
    public async Task AddManyAsync(IReadOnlyList<(OrderKey Order, string? TraceParent)> orders, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        foreach (var connection in orders.DistinctBy(o => o.Order).GroupBy(o => o.Order.ConnectionId, StringComparer.Ordinal))
        {
            foreach (var chunk in connection.Chunk(MaxActionsPerTransaction))
            {
                if (chunk.Length > 1)
                {
                    try
                    {
                        await _table.SubmitTransactionAsync(
                            chunk.Select(o => new TableTransactionAction(TableTransactionActionType.Add, NewEntry(o.Order, dueAt, o.TraceParent))), cancellationToken);
                        continue;
                    }
                    catch (TableTransactionFailedException ex) when (ex.Status == 409)
                    {
                    }
                }
                foreach (var (order, traceParent) in chunk)
                    await AddAsync(order, dueAt, traceParent, cancellationToken);
            }
        }
    }

    private TableEntity NewEntry(OrderKey order, DateTimeOffset dueAt, string? traceParent) =>
        new(TableKeys.Escape(order.ConnectionId), TableKeys.Escape(order.ChannelOrderId))
        {
            ["ConnectionId"] = order.ConnectionId,
            ["ChannelOrderId"] = order.ChannelOrderId,
            ["EnqueuedAt"] = time.GetUtcNow(),
            ["DueAt"] = dueAt,
            ["Attempts"] = 0,
            ["TraceParent"] = traceParent,
        };

    public async Task<PendingWriteBack?> GetAsync(OrderKey order, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(order.ConnectionId), TableKeys.Escape(order.ChannelOrderId), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public Task RescheduleAsync(OrderKey order, DateTimeOffset dueAt, int attempts, string? lastError, CancellationToken cancellationToken) =>
        MergeAsync(new TableEntity(TableKeys.Escape(order.ConnectionId), TableKeys.Escape(order.ChannelOrderId))
        {
            ["DueAt"] = dueAt,
            ["Attempts"] = attempts,
            ["LastError"] = lastError is { Length: > 2000 } ? lastError[..2000] + "…" : lastError,
        }, cancellationToken);

    public Task DeferAsync(OrderKey order, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        MergeAsync(new TableEntity(TableKeys.Escape(order.ConnectionId), TableKeys.Escape(order.ChannelOrderId)) { ["DueAt"] = dueAt }, cancellationToken);

    private async Task MergeAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            // Merge with If-Match *: changes a waiting row, never brings back one that was removed.
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
        }
    }

    public async Task RemoveAsync(OrderKey order, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(TableKeys.Escape(order.ConnectionId), TableKeys.Escape(order.ChannelOrderId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
        }
    }

    /// <summary>
    /// The orders of one connection go together in transactions of up to 100; one already removed fails its transaction
    /// as a whole, and then those orders are removed one by one.
    /// </summary>
    public async Task RemoveManyAsync(IReadOnlyCollection<OrderKey> orders, CancellationToken cancellationToken)
    {
        foreach (var connection in orders.Distinct().GroupBy(o => o.ConnectionId, StringComparer.Ordinal))
        {
            foreach (var chunk in connection.Chunk(MaxActionsPerTransaction))
            {
                if (chunk.Length > 1)
                {
                    try
                    {
                        await _table.SubmitTransactionAsync(chunk.Select(o => new TableTransactionAction(TableTransactionActionType.Delete,
                            new TableEntity(TableKeys.Escape(o.ConnectionId), TableKeys.Escape(o.ChannelOrderId)), ETag.All)), cancellationToken);
                        continue;
                    }
                    catch (TableTransactionFailedException ex) when (ex.Status == 404)
                    {
                    }
                }
                foreach (var order in chunk)
                    await RemoveAsync(order, cancellationToken);
            }
        }
    }

    public Task<IReadOnlyList<PendingWriteBack>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"DueAt le {now}"), max, cancellationToken);

    public Task<IReadOnlyList<PendingWriteBack>> ListAsync(int max, CancellationToken cancellationToken) => QueryAsync(null, max, cancellationToken);

    private async Task<IReadOnlyList<PendingWriteBack>> QueryAsync(string? filter, int max, CancellationToken cancellationToken)
    {
        var result = new List<PendingWriteBack>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(FromEntity(entity));
            if (result.Count >= max)
                break;
        }
        return result.OrderBy(w => w.DueAt).ToList();
    }

    private static PendingWriteBack FromEntity(TableEntity e) => new(
        new OrderKey(e.GetString("ConnectionId") ?? TableKeys.Unescape(e.PartitionKey), e.GetString("ChannelOrderId") ?? TableKeys.Unescape(e.RowKey)),
        e.GetDateTimeOffset("EnqueuedAt") ?? default,
        e.GetDateTimeOffset("DueAt") ?? default,
        e.GetInt32("Attempts") ?? 0,
        e.GetString("LastError"),
        e.GetString("TraceParent"));
}
