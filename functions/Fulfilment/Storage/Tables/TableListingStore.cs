using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Fulfilment.Channels;
using Fulfilment.Listings;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Listings: partition = the escaped connection id, row key = the escaped SKU. Link runs and sync runs merge only
/// their own columns, so the two never overwrite each other; "" stands for "none" (a merge cannot remove a column).
/// </summary>
public sealed class TableListingStore(TableServiceClient service) : IListingStore
{
    // Azure rejects a transaction of more than 100 actions, and one that spans partitions.
    private const int MaxBatch = 100;
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.Listings);

    public async Task AddAsync(string connectionId, IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        // A merge of the SKU column alone creates a missing row (status Unlinked) and leaves an existing one as it is.
        var partition = TableKeys.Escape(connectionId);
        foreach (var chunk in skus.Distinct(StringComparer.Ordinal).Chunk(MaxBatch))
        {
            var actions = chunk.Select(sku => new TableTransactionAction(TableTransactionActionType.UpsertMerge,
                new TableEntity(partition, TableKeys.Escape(sku)) { ["Sku"] = sku }));
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    public async Task<Listing?> GetAsync(string connectionId, string sku, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(connectionId), TableKeys.Escape(sku), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(connectionId, response.Value!) : null;
    }

    public async IAsyncEnumerable<Listing> ListAsync(string connectionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(connectionId)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            yield return FromEntity(connectionId, entity);
    }

    public Task SaveLinksAsync(string connectionId, IReadOnlyList<LinkOutcome> outcomes, DateTimeOffset at, CancellationToken cancellationToken) =>
        MergeAsync(connectionId, outcomes.Select(o => (o.Sku, new Dictionary<string, object?>
        {
            ["Status"] = o.Status.ToString(),
            ["ChannelProductId"] = o.ChannelProductId ?? "",
            ["ChannelSku"] = o.ChannelSku ?? "",
            ["MatchedBy"] = o.MatchedBy?.ToString() ?? "",
            ["LinkProblem"] = o.Problem ?? "",
            ["LinkCheckedAt"] = at,
        })), cancellationToken);

    public Task SaveSyncAsync(string connectionId, IReadOnlyList<SyncOutcome> outcomes, DateTimeOffset at, CancellationToken cancellationToken) =>
        MergeAsync(connectionId, outcomes.Select(o =>
        {
            var columns = new Dictionary<string, object?> { ["SyncProblem"] = o.Problem ?? "" };
            if (o.Problem is not null)
                columns["SyncProblemAt"] = at;
            if (o.SyncedQuantities is not null)
                columns["SyncedQuantities"] = o.SyncedQuantities;
            if (o.SyncedPrice is not null)
                columns["SyncedPrice"] = o.SyncedPrice;
            if (o.SyncedQuantities is not null || o.SyncedPrice is not null)
                columns["SyncedAt"] = at;
            return (o.Sku, columns);
        }), cancellationToken);

    public async Task<bool> RemoveAsync(string connectionId, string sku, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(TableKeys.Escape(connectionId), TableKeys.Escape(sku), ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            return false;
        }
    }

    private async Task MergeAsync(string connectionId, IEnumerable<(string Sku, Dictionary<string, object?> Columns)> rows, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(connectionId);
        // A transaction may not touch one row twice: the last result for a SKU wins.
        var distinct = rows.GroupBy(r => r.Sku, StringComparer.Ordinal).Select(g => g.Last());
        foreach (var chunk in distinct.Chunk(MaxBatch))
        {
            var actions = chunk.Select(r =>
            {
                var entity = new TableEntity(partition, TableKeys.Escape(r.Sku)) { ["Sku"] = r.Sku };
                foreach (var (name, value) in r.Columns)
                    entity[name] = value;
                return new TableTransactionAction(TableTransactionActionType.UpsertMerge, entity);
            }).ToList();
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    private static Listing FromEntity(string connectionId, TableEntity e) => new()
    {
        ConnectionId = connectionId,
        Sku = e.GetString("Sku") ?? TableKeys.Unescape(e.RowKey),
        Status = Enum.TryParse<ListingStatus>(e.GetString("Status"), out var status) ? status : ListingStatus.Unlinked,
        ChannelProductId = Text(e, "ChannelProductId"),
        ChannelSku = Text(e, "ChannelSku"),
        MatchedBy = Enum.TryParse<ListingIdentifier>(e.GetString("MatchedBy"), out var by) ? by : null,
        LinkProblem = Text(e, "LinkProblem"),
        LinkCheckedAt = e.GetDateTimeOffset("LinkCheckedAt"),
        SyncedQuantities = Text(e, "SyncedQuantities"),
        SyncedPrice = Text(e, "SyncedPrice"),
        SyncedAt = e.GetDateTimeOffset("SyncedAt"),
        SyncProblem = Text(e, "SyncProblem"),
        SyncProblemAt = Text(e, "SyncProblem") is null ? null : e.GetDateTimeOffset("SyncProblemAt"),
    };

    private static string? Text(TableEntity e, string column) => e.GetString(column) is { Length: > 0 } value ? value : null;
}
