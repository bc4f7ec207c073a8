using Azure;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>The "ETag null: upsert; else replace if it matches" save shared by the connection and carrier-account stores.</summary>
internal static class EntitySaver
{
    /// <returns>The new ETag.</returns>
    public static async Task<string?> SaveAsync(TableClient table, TableEntity entity, string? etag, string what, CancellationToken cancellationToken)
    {
        try
        {
            var response = etag is null
                ? await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken)
                : await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.IsPreconditionFailed() || (etag is not null && ex.IsNotFound()))
        {
            throw new ConcurrencyConflictException(what, ex);
        }
    }
}
