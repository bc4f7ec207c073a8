using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Fulfilment.Orders;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// The per-account outbox. Each pending order is two rows in the account's partition, written and deleted together
/// in one transaction: an index row "k|&lt;connection&gt;|&lt;order&gt;" (its key makes <see cref="AddAsync"/> idempotent: a
/// second insert conflicts) and an ordering row "t|&lt;enqueue ticks, 19 digits&gt;|&lt;connection&gt;|&lt;order&gt;" (row keys sort
/// lexically, so a range query returns the oldest first and reads only as many rows as asked for).
/// </summary>
public sealed class TablePendingShipmentStore(TableServiceClient service, TimeProvider time) : IPendingShipmentStore
{
    private const string IndexPrefix = "k|";
    private const string OrderPrefix = "t|";
    // '}' sorts right after '|', so [prefix, prefix with '}') is exactly the rows starting with the prefix.
    private const string OrderRangeEnd = "t}";
    // Azure caps a transaction at 100 actions: two per order.
    private const int MaxOrdersPerTransaction = 50;
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.PendingShipments);

    public async Task AddAsync(string carrierAccountId, OrderKey order, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(AddActions(carrierAccountId, order, time.GetUtcNow()), cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Already pending: keep the original row, and with it its place in the queue.
        }
    }

    /// <summary>Up to 50 orders per transaction; if one is pending already, its transaction fails as a whole and those orders are added one by one.</summary>
    public async Task AddManyAsync(string carrierAccountId, IReadOnlyList<OrderKey> orders, CancellationToken cancellationToken)
    {
        var enqueuedAt = time.GetUtcNow();
        foreach (var chunk in orders.Distinct().Chunk(MaxOrdersPerTransaction))
        {
            if (chunk.Length > 1)
            {
                try
                {
                    // Ticks apart, so the orders keep the order given.
                    await _table.SubmitTransactionAsync(chunk.SelectMany((o, i) => AddActions(carrierAccountId, o, enqueuedAt.AddTicks(i))), cancellationToken);
                    continue;
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                }
            }
            foreach (var order in chunk)
                await AddAsync(carrierAccountId, order, cancellationToken);
        }
    }

    private static TableTransactionAction[] AddActions(string carrierAccountId, OrderKey order, DateTimeOffset enqueuedAt)
    {
        var partition = TableKeys.Escape(carrierAccountId);
        var orderKey = TableKeys.Compose(order.ConnectionId, order.ChannelOrderId);
        var orderRow = OrderPrefix + enqueuedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + TableKeys.Separator + orderKey;
        var index = new TableEntity(partition, IndexPrefix + orderKey)
        {
            ["OrderRow"] = orderRow,
            ["EnqueuedAt"] = enqueuedAt,
        };
        var ordering = new TableEntity(partition, orderRow)
        {
            ["ConnectionId"] = order.ConnectionId,
            ["ChannelOrderId"] = order.ChannelOrderId,
            ["EnqueuedAt"] = enqueuedAt,
        };
        return [new(TableTransactionActionType.Add, index), new(TableTransactionActionType.Add, ordering)];
    }

    public async Task<IReadOnlyList<PendingOrder>> ListAsync(string carrierAccountId, int max, CancellationToken cancellationToken)
    {
        if (max <= 0) return [];
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Escape(carrierAccountId)} and RowKey ge {OrderPrefix} and RowKey lt {OrderRangeEnd}");
        var result = new List<PendingOrder>(Math.Min(max, 1000));
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000),
                           select: ["ConnectionId", "ChannelOrderId", "EnqueuedAt"], cancellationToken: cancellationToken))
        {
            // Rows written before EnqueuedAt was kept count as enqueued at the epoch: long overdue.
            result.Add(new PendingOrder(new OrderKey(entity.GetString("ConnectionId")!, entity.GetString("ChannelOrderId")!),
                entity.GetDateTimeOffset("EnqueuedAt") ?? DateTimeOffset.UnixEpoch));
            if (result.Count >= max) break;
        }
        return result;
    }

    public async Task RemoveAsync(string carrierAccountId, OrderKey order, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(carrierAccountId);
        var index = await _table.GetEntityIfExistsAsync<TableEntity>(partition, IndexKey(order), cancellationToken: cancellationToken);
        if (index.HasValue)
            await RemoveOneAsync(index.Value!, cancellationToken);
    }

    /// <summary>
    /// The index rows are found with a few queries (<see cref="RowKeyFilters"/>), then both rows of up to 50 orders go in
    /// one transaction. If any of them was removed meanwhile, the transaction fails as a whole and those orders are
    /// removed one by one.
    /// </summary>
    public async Task RemoveManyAsync(string carrierAccountId, IReadOnlyCollection<OrderKey> orders, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(carrierAccountId);
        var indexRows = new List<TableEntity>(orders.Count);
        foreach (var filter in RowKeyFilters.AnyOf(partition, orders.Select(IndexKey)))
        {
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "OrderRow"], cancellationToken: cancellationToken))
                indexRows.Add(entity);
        }
        foreach (var chunk in indexRows.Chunk(MaxOrdersPerTransaction))
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk.SelectMany(DeleteActions), cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
            {
                foreach (var index in chunk)
                    await RemoveOneAsync(index, cancellationToken);
            }
        }
    }

    private async Task RemoveOneAsync(TableEntity index, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(DeleteActions(index), cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
        {
            // Removed (or removed and re-added) by someone else meanwhile: nothing of ours left to remove.
        }
    }

    /// <summary>The index row's ETag guards against removing a row re-added between our read and this delete.</summary>
    private static TableTransactionAction[] DeleteActions(TableEntity index) =>
    [
        new(TableTransactionActionType.Delete, new TableEntity(index.PartitionKey, index.RowKey), index.ETag),
        new(TableTransactionActionType.Delete, new TableEntity(index.PartitionKey, index.GetString("OrderRow")), ETag.All),
    ];

    private static string IndexKey(OrderKey order) => IndexPrefix + TableKeys.Compose(order.ConnectionId, order.ChannelOrderId);

    public async Task<IReadOnlyList<(string CarrierAccountId, OrderKey Order, DateTimeOffset EnqueuedAt)>> ListWaitingSinceAsync(
        DateTimeOffset cutoff, int max, CancellationToken cancellationToken)
    {
        var result = new List<(string, OrderKey, DateTimeOffset)>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {IndexPrefix} and RowKey lt {"k}"} and EnqueuedAt lt {cutoff}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var parts = TableKeys.Decompose(entity.RowKey[IndexPrefix.Length..]);
            result.Add((TableKeys.Unescape(entity.PartitionKey), new OrderKey(parts[0], parts[1]), entity.GetDateTimeOffset("EnqueuedAt") ?? cutoff));
            if (result.Count >= max)
                break;
        }
        return result;
    }

    /// <summary>
    /// Skips from partition to partition: one query for the first index row after the last account found, so the cost
    /// is one request per account with pending orders however long its outbox (the drain timer asks every few seconds).
    /// Index rows sort first in their partition, so the service finds each one without scanning the partition.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<string>();
        string? after = null;
        while (true)
        {
            var filter = after is null
                ? TableClient.CreateQueryFilter($"RowKey ge {IndexPrefix} and RowKey lt {"k}"}")
                : TableClient.CreateQueryFilter($"PartitionKey gt {after} and RowKey ge {IndexPrefix} and RowKey lt {"k}"}");
            string? next = null;
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                next = entity.PartitionKey;
                break;
            }
            if (next is null)
                return accounts;
            accounts.Add(TableKeys.Unescape(next));
            after = next;
        }
    }
}
