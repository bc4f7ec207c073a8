using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Fulfilment.Failures;
using Fulfilment.Orders;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Orders in Table Storage: insert-once by key, ETag-guarded replace. An order that needs attention is also listed among
/// the failures (so ops find it without a scan of every order): written before the order reaches that state, removed
/// after it leaves it, so a crash in between lists one too many (the failures view checks), never one too few.
/// </summary>
public sealed class TableOrderStore(TableServiceClient service, IFailureStore failures) : IOrderStore
{
    private const int MaxActionsPerTransaction = 100;
    private const long MaxTransactionBytes = 2 * 1024 * 1024;
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.Orders);

    public async Task<FulfilmentOrder?> GetAsync(OrderKey key, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Escape(key.ConnectionId), TableKeys.Escape(key.ChannelOrderId), cancellationToken: cancellationToken);
        return response.HasValue ? OrderEntityMapper.FromEntity(response.Value!) : null;
    }

    public async Task<bool> TryAddAsync(FulfilmentOrder order, CancellationToken cancellationToken)
    {
        try
        {
            await ListIfNeedsAttentionAsync(order, cancellationToken);
            var response = await _table.AddEntityAsync(OrderEntityMapper.ToEntity(order), cancellationToken);
            order.ETag = response.Headers.ETag?.ToString();
            order.LoadedState = order.State;
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsConflict())
        {
            return false;
        }
    }

    public async Task SaveAsync(FulfilmentOrder order, CancellationToken cancellationToken)
    {
        if (order.ETag is null)
            throw new InvalidOperationException($"Order {order.Key} has no ETag: read it (or TryAdd it) before saving.");
        if (order.LoadedState != OrderState.NeedsAttention)
            await ListIfNeedsAttentionAsync(order, cancellationToken);
        try
        {
            var response = await _table.UpdateEntityAsync(
                OrderEntityMapper.ToEntity(order), new ETag(order.ETag), TableUpdateMode.Replace, cancellationToken);
            order.ETag = response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsNotFound())
        {
            throw new ConcurrencyConflictException($"Order {order.Key}", ex);
        }
        if (order.LoadedState == OrderState.NeedsAttention && order.State != OrderState.NeedsAttention)
            await failures.RemoveAsync(Failure.IdFor(FailureKind.Order, order.Key.ToString()), cancellationToken);
        order.LoadedState = order.State;
    }

    /// <summary>
    /// New orders of one connection go together in transactions (within Azure's limits); if one exists already, its
    /// transaction fails as a whole and those orders are added one by one. An order that needs attention is added alone,
    /// since it is also listed among the failures.
    /// </summary>
    public async Task<IReadOnlyList<FulfilmentOrder>> TryAddManyAsync(IReadOnlyList<FulfilmentOrder> orders, CancellationToken cancellationToken)
    {
        var existing = new List<FulfilmentOrder>();
        async Task AddOneAsync(FulfilmentOrder order)
        {
            if (!await TryAddAsync(order, cancellationToken))
                existing.Add(order);
        }
        foreach (var order in orders.Where(o => o.State == OrderState.NeedsAttention))
            await AddOneAsync(order);
        await InTransactionsAsync(orders.Where(o => o.State != OrderState.NeedsAttention),
            (_, entity) => new TableTransactionAction(TableTransactionActionType.Add, entity), AddOneAsync, cancellationToken);
        return existing;
    }

    /// <summary>One query per 14 orders of a connection (<see cref="RowKeyFilters"/>).</summary>
    public async Task<IReadOnlyDictionary<OrderKey, FulfilmentOrder>> GetManyAsync(IReadOnlyCollection<OrderKey> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<OrderKey, FulfilmentOrder>();
        foreach (var connection in keys.GroupBy(k => k.ConnectionId, StringComparer.Ordinal))
        {
            foreach (var filter in RowKeyFilters.AnyOf(TableKeys.Escape(connection.Key), connection.Select(k => TableKeys.Escape(k.ChannelOrderId))))
            {
                await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                    var order = OrderEntityMapper.FromEntity(entity);
                    found[order.Key] = order;
                }
            }
        }
        return found;
    }

    /// <summary>
    /// Orders of one connection go together in transactions (of at most 100 orders and about 2 MB; Azure allows 4 MB),
    /// each replace guarded by its order's ETag. A transaction fails as a whole: then its orders are saved one by one, so
    /// only those that really changed meanwhile are left out. An order entering or leaving NeedsAttention is saved alone,
    /// since it is also listed among the failures.
    /// </summary>
    public async Task<IReadOnlyList<FulfilmentOrder>> SaveManyAsync(IReadOnlyList<FulfilmentOrder> orders, CancellationToken cancellationToken)
    {
        var conflicts = new List<FulfilmentOrder>();
        var together = new List<FulfilmentOrder>(orders.Count);
        foreach (var order in orders)
        {
            if (order.ETag is null)
                throw new InvalidOperationException($"Order {order.Key} has no ETag: read it (or TryAdd it) before saving.");
            if (order.State == OrderState.NeedsAttention || order.LoadedState == OrderState.NeedsAttention)
                await SaveOneAsync(order, conflicts, cancellationToken);
            else
                together.Add(order);
        }
        await InTransactionsAsync(together,
            (order, entity) => new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(order.ETag!)),
            order => SaveOneAsync(order, conflicts, cancellationToken), cancellationToken);
        return conflicts;
    }

    /// <summary>
    /// Writes the orders of each connection together, in transactions within Azure's limits. A transaction fails as a
    /// whole (or holds one order twice): then its orders go <paramref name="alone"/>, which finds out which one failed.
    /// </summary>
    private async Task InTransactionsAsync(IEnumerable<FulfilmentOrder> orders, Func<FulfilmentOrder, TableEntity, TableTransactionAction> action,
        Func<FulfilmentOrder, Task> alone, CancellationToken cancellationToken)
    {
        foreach (var connection in orders.GroupBy(o => o.Key.ConnectionId, StringComparer.Ordinal))
        {
            foreach (var chunk in Transactions(connection.Select(o => (Order: o, Entity: OrderEntityMapper.ToEntity(o)))))
            {
                if (chunk.Count > 1 && chunk.Select(c => c.Order.Key).Distinct().Count() == chunk.Count)
                {
                    try
                    {
                        var response = await _table.SubmitTransactionAsync(chunk.Select(c => action(c.Order, c.Entity)), cancellationToken);
                        for (var i = 0; i < chunk.Count; i++)
                        {
                            chunk[i].Order.ETag = response.Value[i].Headers.ETag?.ToString();
                            chunk[i].Order.LoadedState = chunk[i].Order.State;
                        }
                        continue;
                    }
                    catch (TableTransactionFailedException)
                    {
                    }
                }
                foreach (var (order, _) in chunk)
                    await alone(order);
            }
        }
    }

    private async Task SaveOneAsync(FulfilmentOrder order, List<FulfilmentOrder> conflicts, CancellationToken cancellationToken)
    {
        try
        {
            await SaveAsync(order, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            conflicts.Add(order);
        }
    }

    /// <summary>Splits one partition's rows into transactions within Azure's limits of 100 actions and 4 MB (kept to about 2 MB).</summary>
    private static IEnumerable<List<(FulfilmentOrder Order, TableEntity Entity)>> Transactions(IEnumerable<(FulfilmentOrder Order, TableEntity Entity)> rows)
    {
        var chunk = new List<(FulfilmentOrder, TableEntity)>();
        long size = 0;
        foreach (var row in rows)
        {
            var rowSize = EstimatedSize(row.Entity);
            if (chunk.Count > 0 && (chunk.Count == MaxActionsPerTransaction || size + rowSize > MaxTransactionBytes))
            {
                yield return chunk;
                chunk = [];
                size = 0;
            }
            chunk.Add(row);
            size += rowSize;
        }
        if (chunk.Count > 0)
            yield return chunk;
    }

    /// <summary>Bytes on the wire, generously: JSON-escaped text can double, and every property carries its name and type.</summary>
    private static long EstimatedSize(TableEntity entity) =>
        entity.Sum(p => (p.Key.Length * 2L) + 64 + (p.Value is string text ? text.Length * 3L : 64));

    private Task ListIfNeedsAttentionAsync(FulfilmentOrder order, CancellationToken cancellationToken) =>
        order.State != OrderState.NeedsAttention
            ? Task.CompletedTask
            : failures.RecordAsync(new Failure
            {
                Id = Failure.IdFor(FailureKind.Order, order.Key.ToString()),
                Kind = FailureKind.Order,
                Subject = order.Key.ToString(),
                Cause = order.Reason ?? "needs attention",
                FirstSeenAt = order.UpdatedAt,
                LastSeenAt = order.UpdatedAt,
            }, cancellationToken);

    /// <summary>
    /// Filtering by state alone scans every partition (State is not a key); fine for the operator views it serves,
    /// which read terminal states rarely. Add a connection id to stay within one partition.
    /// </summary>
    public async IAsyncEnumerable<FulfilmentOrder> ListAsync(OrderState? state, string? connectionId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (connectionId is not null)
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(connectionId)}"));
        if (state is not null)
            filters.Add(TableClient.CreateQueryFilter($"State eq {state.Value.ToString()}"));
        var filter = filters.Count == 0 ? null : string.Join(" and ", filters);

        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            yield return OrderEntityMapper.FromEntity(entity);
    }
}
