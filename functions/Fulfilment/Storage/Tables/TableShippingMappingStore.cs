using Azure;
using Azure.Data.Tables;
using Fulfilment.Shipping;

namespace Fulfilment.Storage.Tables;

/// <summary>Shipping mappings: PK the escaped connection id (or "*"), RK the escaped normalised method name.</summary>
public sealed class TableShippingMappingStore(TableServiceClient service) : IShippingMappingStore
{
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.ShippingMappings);

    public async Task<ShippingMapping?> FindAsync(string connectionId, string shippingMethod, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(shippingMethod);
        var own = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(connectionId), rowKey, cancellationToken: cancellationToken);
        if (own.HasValue) return FromEntity(own.Value!);
        if (connectionId == ShippingMapping.AnyConnection) return null;
        var any = await _table.GetEntityIfExistsAsync<TableEntity>(ShippingMapping.AnyConnection, rowKey, cancellationToken: cancellationToken);
        return any.HasValue ? FromEntity(any.Value!) : null;
    }

    public async Task<IReadOnlyList<ShippingMapping>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<ShippingMapping>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            result.Add(FromEntity(entity));
        return result;
    }

    public async Task UpsertAsync(ShippingMapping mapping, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(mapping.ConnectionId), RowKey(mapping.ShippingMethod))
        {
            ["ConnectionId"] = mapping.ConnectionId,
            ["ShippingMethod"] = mapping.ShippingMethod,
            ["Carrier"] = mapping.Carrier,
            ["CarrierAccountId"] = mapping.CarrierAccountId,
            ["ServiceCode"] = mapping.ServiceCode,
            ["PackageFormat"] = mapping.PackageFormat,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string connectionId, string shippingMethod, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.DeleteEntityAsync(TableKeys.Escape(connectionId), RowKey(shippingMethod), ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            return false;
        }
    }

    private static string RowKey(string method) => TableKeys.Escape(ShippingMapping.NormaliseMethod(method));

    private static ShippingMapping FromEntity(TableEntity e) => new()
    {
        ConnectionId = e.GetString("ConnectionId") ?? TableKeys.Unescape(e.PartitionKey),
        ShippingMethod = e.GetString("ShippingMethod") ?? TableKeys.Unescape(e.RowKey),
        Carrier = e.GetString("Carrier") ?? "",
        CarrierAccountId = e.GetString("CarrierAccountId") ?? "",
        ServiceCode = e.GetString("ServiceCode") ?? "",
        PackageFormat = e.GetString("PackageFormat") ?? "",
    };
}
