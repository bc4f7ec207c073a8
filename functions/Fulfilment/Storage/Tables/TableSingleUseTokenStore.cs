using Azure;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>Used tokens as rows (PK the scope, RK the escaped token id, ExpiresAt): an insert either wins once or conflicts.</summary>
public sealed class TableSingleUseTokenStore(TableServiceClient service) : ISingleUseTokenStore
{
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.UsedTokens);

    public async Task<bool> TryUseAsync(string scope, string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(TableKeys.Escape(scope), TableKeys.Escape(tokenId)) { ["ExpiresAt"] = expiresAt }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsConflict())
        {
            return false;
        }
    }

    public async Task ReleaseAsync(string scope, string tokenId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(TableKeys.Escape(scope), TableKeys.Escape(tokenId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            // Never used, or forgotten already: nothing to do.
        }
    }
}
