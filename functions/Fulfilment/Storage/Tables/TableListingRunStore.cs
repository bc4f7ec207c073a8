using Azure.Data.Tables;
using Fulfilment.Listings;

namespace Fulfilment.Storage.Tables;

/// <summary>The latest listing runs: one partition ("run"), row key connection id | kind.</summary>
public sealed class TableListingRunStore(TableServiceClient service) : IListingRunStore
{
    private const string Partition = "run";
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.ListingRuns);

    public Task SaveAsync(ListingRun run, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Compose(run.ConnectionId, run.Kind.ToString()))
        {
            ["ConnectionId"] = run.ConnectionId,
            ["Kind"] = run.Kind.ToString(),
            ["StartedAt"] = run.StartedAt,
            ["FinishedAt"] = run.FinishedAt,
            ["Summary"] = run.Summary,
            ["Problem"] = run.Problem,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<ListingRun?> GetAsync(string connectionId, ListingRunKind kind, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Compose(connectionId, kind.ToString()), cancellationToken: cancellationToken);
        if (!response.HasValue)
            return null;
        var e = response.Value!;
        return new ListingRun(connectionId, kind, e.GetDateTimeOffset("StartedAt") ?? default, e.GetDateTimeOffset("FinishedAt"),
            e.GetString("Summary") ?? "", e.GetString("Problem"));
    }
}
