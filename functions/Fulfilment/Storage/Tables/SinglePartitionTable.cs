using Azure;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Rows of one kind in a single partition, keyed by an escaped id (connections, carrier accounts): get, list, and the
/// "ETag null: upsert; else replace if it matches" save.
/// </summary>
internal sealed class SinglePartitionTable<T>(TableClient table, string partition, Func<T, TableEntity> toEntity, Func<TableEntity, T> fromEntity)
    where T : class
{
    public async Task<T?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.Escape(id), cancellationToken: cancellationToken);
        return response.HasValue ? fromEntity(response.Value!) : null;
    }

    public async Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<T>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
            result.Add(fromEntity(entity));
        return result;
    }

    /// <summary>False when there was no such row.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, TableKeys.Escape(id), ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            return false;
        }
    }

    /// <returns>The new ETag.</returns>
    public async Task<string?> SaveAsync(T item, string? etag, string what, CancellationToken cancellationToken)
    {
        try
        {
            var response = etag is null
                ? await table.UpsertEntityAsync(toEntity(item), TableUpdateMode.Replace, cancellationToken)
                : await table.UpdateEntityAsync(toEntity(item), new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.IsPreconditionFailed() || (etag is not null && ex.IsNotFound()))
        {
            throw new ConcurrencyConflictException(what, ex);
        }
    }
}
