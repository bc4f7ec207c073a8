using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Fulfilment.Orders;

namespace Fulfilment.Storage.Tables;

/// <summary>Orders in Table Storage: insert-once by key, ETag-guarded replace.</summary>
public sealed class TableOrderStore(TableServiceClient service) : IOrderStore
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
            var response = await _table.AddEntityAsync(OrderEntityMapper.ToEntity(order), cancellationToken);
            order.ETag = response.Headers.ETag?.ToString();
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
    }

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
