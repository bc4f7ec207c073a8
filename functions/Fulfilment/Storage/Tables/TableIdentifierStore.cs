using Azure;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Sequences and claims in one table. A sequence is a row (PK "sequence", RK its escaped name) whose Value is moved on
/// by an ETag-guarded replace, retried on conflict; a claim is a row (PK "claim|scope", RK the escaped key) inserted
/// once. A number taken by a caller that then loses the claim race is simply never used: numbers are unique, not dense.
/// </summary>
public sealed class TableIdentifierStore(TableServiceClient service) : IIdentifierStore
{
    private const string SequencePartition = "sequence";
    private const int MaxAttempts = 50;
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.Identifiers);

    public async Task<long> NextAsync(string sequence, CancellationToken cancellationToken)
    {
        var rowKey = TableKeys.Escape(sequence);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _table.GetEntityIfExistsAsync<TableEntity>(SequencePartition, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await _table.AddEntityAsync(new TableEntity(SequencePartition, rowKey) { ["Value"] = 1L }, cancellationToken);
                    return 1;
                }
                var next = (current.Value!.GetInt64("Value") ?? 0) + 1;
                await _table.UpdateEntityAsync(new TableEntity(SequencePartition, rowKey) { ["Value"] = next }, current.Value.ETag,
                    TableUpdateMode.Replace, cancellationToken);
                return next;
            }
            catch (RequestFailedException ex) when ((ex.IsConflict() || ex.IsPreconditionFailed()) && attempt < MaxAttempts)
            {
                // Another instance took a number meanwhile: read again and take the one after.
            }
        }
    }

    public async Task<string> ClaimAsync(string scope, string key, string value, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(ClaimPartition(scope), TableKeys.Escape(key)) { ["Value"] = value }, cancellationToken);
            return value;
        }
        catch (RequestFailedException ex) when (ex.IsConflict())
        {
            return await FindAsync(scope, key, cancellationToken)
                ?? throw new InvalidOperationException($"Claim {scope}/{key} conflicted but cannot be read.", ex);
        }
    }

    public async Task<string?> FindAsync(string scope, string key, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(ClaimPartition(scope), TableKeys.Escape(key), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("Value") : null;
    }

    private static string ClaimPartition(string scope) => "claim" + TableKeys.Separator + TableKeys.Escape(scope);
}
