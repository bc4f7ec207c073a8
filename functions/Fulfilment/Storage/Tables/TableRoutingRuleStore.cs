using Azure.Data.Tables;
using Fulfilment.Shipping;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Routing rules: one row per trading name (PK "rules", RK the escaped normalised trading name) holding the whole set
/// as JSON, so a set is replaced in one write and an order never sees half of an edit.
/// </summary>
public sealed class TableRoutingRuleStore(TableServiceClient service) : IRoutingRuleStore
{
    private const string Partition = "rules";
    private readonly SinglePartitionTable<RoutingRuleSet> _rows = new(service.GetTableClient(StorageNames.Tables.RoutingRules), Partition, ToEntity, FromEntity);

    public Task<RoutingRuleSet?> FindAsync(string tradingName, CancellationToken cancellationToken) =>
        _rows.GetAsync(RoutingRuleSet.NormaliseTradingName(tradingName), cancellationToken);

    public Task<IReadOnlyList<RoutingRuleSet>> ListAsync(CancellationToken cancellationToken) => _rows.ListAsync(cancellationToken);

    public Task SaveAsync(RoutingRuleSet rules, CancellationToken cancellationToken) =>
        _rows.SaveAsync(rules, etag: null, $"Routing rules of {rules.TradingName}", cancellationToken);

    public Task<bool> DeleteAsync(string tradingName, CancellationToken cancellationToken) =>
        _rows.DeleteAsync(RoutingRuleSet.NormaliseTradingName(tradingName), cancellationToken);

    private static TableEntity ToEntity(RoutingRuleSet rules)
    {
        var entity = new TableEntity(Partition, TableKeys.Escape(RoutingRuleSet.NormaliseTradingName(rules.TradingName)))
        {
            ["TradingName"] = rules.TradingName,
        };
        JsonColumns.Write(entity, "Rules", rules, StorageJsonContext.Default.RoutingRuleSet);
        return entity;
    }

    private static RoutingRuleSet FromEntity(TableEntity entity) =>
        JsonColumns.Read(entity, "Rules", StorageJsonContext.Default.RoutingRuleSet)
        ?? throw new InvalidOperationException($"Routing rules row {entity.RowKey} holds no rules.");
}
