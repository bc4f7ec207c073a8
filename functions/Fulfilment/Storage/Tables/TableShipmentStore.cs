using Azure.Data.Tables;
using Fulfilment.Orders;

namespace Fulfilment.Storage.Tables;

/// <summary>Carrier shipments: PK the escaped carrier account id, RK the escaped carrier shipment id, State as a column.</summary>
public sealed class TableShipmentStore(TableServiceClient service) : IShipmentStore
{
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.Shipments);

    public async Task UpsertAsync(ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(shipment.CarrierAccountId), TableKeys.Escape(shipment.CarrierShipmentId))
        {
            ["CarrierAccountId"] = shipment.CarrierAccountId,
            ["CarrierShipmentId"] = shipment.CarrierShipmentId,
            ["Carrier"] = shipment.Carrier,
            ["ConnectionId"] = shipment.Order.ConnectionId,
            ["ChannelOrderId"] = shipment.Order.ChannelOrderId,
            ["Reference"] = shipment.Reference,
            ["State"] = shipment.State.ToString(),
            ["TrackingNumber"] = shipment.TrackingNumber,
            ["CreatedAt"] = shipment.CreatedAt,
            ["DespatchedAt"] = shipment.DespatchedAt,
            ["LabelBlob"] = shipment.LabelBlob,
            ["LabelProblem"] = shipment.LabelProblem,
        };
        var response = await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        shipment.ETag = response.Headers.ETag?.ToString();
    }

    public async Task<IReadOnlyList<ShipmentRecord>> ListOpenAsync(string carrierAccountId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Escape(carrierAccountId)} and State eq {nameof(ShipmentState.Open)}");
        var result = new List<ShipmentRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            result.Add(FromEntity(entity));
        return result;
    }

    public async Task<ShipmentRecord?> GetAsync(string carrierAccountId, string carrierShipmentId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Escape(carrierAccountId), TableKeys.Escape(carrierShipmentId), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    private static ShipmentRecord FromEntity(TableEntity e) => new()
    {
        CarrierAccountId = e.GetString("CarrierAccountId") ?? TableKeys.Unescape(e.PartitionKey),
        CarrierShipmentId = e.GetString("CarrierShipmentId") ?? TableKeys.Unescape(e.RowKey),
        Carrier = e.GetString("Carrier") ?? "",
        Order = new OrderKey(e.GetString("ConnectionId") ?? "", e.GetString("ChannelOrderId") ?? ""),
        Reference = e.GetString("Reference") ?? "",
        State = Enum.TryParse<ShipmentState>(e.GetString("State"), out var state) ? state : ShipmentState.Open,
        TrackingNumber = e.GetString("TrackingNumber"),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        DespatchedAt = e.GetDateTimeOffset("DespatchedAt"),
        LabelBlob = e.GetString("LabelBlob"),
        LabelProblem = e.GetString("LabelProblem"),
        ETag = e.ETag.ToString(),
    };
}
