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
