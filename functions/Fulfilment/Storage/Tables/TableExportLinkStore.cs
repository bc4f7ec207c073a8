using Azure;
using Azure.Data.Tables;
using Fulfilment.Secrets;

namespace Fulfilment.Storage.Tables;

/// <summary>Export link secrets: one partition ("export"), row key the connection id, the secret encrypted with the row's identity.</summary>
public sealed class TableExportLinkStore(TableServiceClient service, SecretProtector protector) : IExportLinkStore
{
    private const string Partition = "export";
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.ExportLinks);

    private static string Purpose(string connectionId) => $"{StorageNames.Tables.ExportLinks}/{connectionId}";

    public async Task<ExportLink?> GetAsync(string connectionId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(connectionId), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value!.GetString("Secret") is not { Length: > 0 } sealedSecret)
            return null;
        return new ExportLink(connectionId, protector.Unprotect(sealedSecret, Purpose(connectionId)), response.Value.GetDateTimeOffset("IssuedAt") ?? default);
    }

    public Task SaveAsync(ExportLink link, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Escape(link.ConnectionId))
        {
            ["ConnectionId"] = link.ConnectionId,
            ["Secret"] = protector.Protect(link.Secret, Purpose(link.ConnectionId)),
            ["IssuedAt"] = link.IssuedAt,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> RemoveAsync(string connectionId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition, TableKeys.Escape(connectionId), ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            return false;
        }
    }
}
