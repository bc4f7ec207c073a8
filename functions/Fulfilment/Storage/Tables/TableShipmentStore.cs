using Azure;
using Azure.Data.Tables;
using Fulfilment.Orders;
using Fulfilment.Tracking;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Carrier shipments: PK the escaped carrier account id; each shipment is a record row "s|&lt;id&gt;" and, while it is
/// open, an index row "o|&lt;id&gt;" with the same data, written in the same transaction, so listing the open shipments
/// reads only the open ones. While a shipment is open its index row's ETag guards every change (the record follows in
/// the same transaction); once closed, the record's own ETag does.
/// </summary>
public sealed class TableShipmentStore(TableServiceClient service) : IShipmentStore
{
    private const string RecordPrefix = "s|";
    private const string OpenPrefix = "o|";
    // '}' sorts right after '|': [prefix, end) is exactly the rows with the prefix.
    private const string OpenRangeEnd = "o}";
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.Shipments);

    public async Task<ShipmentRecord> AddAsync(ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, ToEntity(shipment, RecordPrefix)) };
        if (shipment.State == ShipmentState.Open)
            actions.Add(new(TableTransactionActionType.UpsertReplace, ToEntity(shipment, OpenPrefix)));
        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
            shipment.StoredOpen = shipment.State == ShipmentState.Open;
            shipment.ETag = response.Value[shipment.StoredOpen ? 1 : 0].Headers.ETag?.ToString();
            return shipment;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Recorded already (a retry after a crash): what is stored wins.
            return await GetAsync(shipment.CarrierAccountId, shipment.CarrierShipmentId, cancellationToken)
                ?? throw new ConcurrencyConflictException($"Shipment {shipment.CarrierShipmentId}", ex);
        }
    }

    public async Task SaveAsync(ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        if (shipment.ETag is null)
            throw new InvalidOperationException($"Shipment {shipment.CarrierShipmentId} has no ETag: read or add it before saving.");
        var open = shipment.State == ShipmentState.Open;
        var guard = new ETag(shipment.ETag);
        List<TableTransactionAction> actions = (shipment.StoredOpen, open) switch
        {
            (true, true) =>
            [
                new(TableTransactionActionType.UpdateReplace, ToEntity(shipment, OpenPrefix), guard),
                new(TableTransactionActionType.UpsertReplace, ToEntity(shipment, RecordPrefix)),
            ],
            (true, false) =>
            [
                new(TableTransactionActionType.Delete, ToEntity(shipment, OpenPrefix), guard),
                new(TableTransactionActionType.UpsertReplace, ToEntity(shipment, RecordPrefix)),
            ],
            (false, true) =>
            [
                new(TableTransactionActionType.UpdateReplace, ToEntity(shipment, RecordPrefix), guard),
                new(TableTransactionActionType.Add, ToEntity(shipment, OpenPrefix)),
            ],
            (false, false) => [new(TableTransactionActionType.UpdateReplace, ToEntity(shipment, RecordPrefix), guard)],
        };
        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
            // The new guard: the index row's ETag while open, the record's once closed.
            shipment.ETag = (open ? response.Value[shipment.StoredOpen ? 0 : 1] : response.Value[shipment.StoredOpen ? 1 : 0]).Headers.ETag?.ToString();
            shipment.StoredOpen = open;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404 or 409)
        {
            throw new ConcurrencyConflictException($"Shipment {shipment.CarrierShipmentId}", ex);
        }
    }

    public async Task<IReadOnlyList<ShipmentRecord>> ListOpenAsync(string carrierAccountId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Escape(carrierAccountId)} and RowKey ge {OpenPrefix} and RowKey lt {OpenRangeEnd}");
        var open = new List<ShipmentRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            open.Add(FromEntity(entity, storedOpen: true));
        return open;
    }

    public async Task<ShipmentRecord?> GetAsync(string carrierAccountId, string carrierShipmentId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(carrierAccountId);
        var id = TableKeys.Escape(carrierShipmentId);
        // An open shipment is read from its index row, whose ETag guards its changes.
        var index = await _table.GetEntityIfExistsAsync<TableEntity>(partition, OpenPrefix + id, cancellationToken: cancellationToken);
        if (index.HasValue)
            return FromEntity(index.Value!, storedOpen: true);
        var record = await _table.GetEntityIfExistsAsync<TableEntity>(partition, RecordPrefix + id, cancellationToken: cancellationToken);
        return record.HasValue ? FromEntity(record.Value!, storedOpen: false) : null;
    }

    private static string Partition(ShipmentRecord shipment) => TableKeys.Escape(shipment.CarrierAccountId);

    private static TableEntity ToEntity(ShipmentRecord shipment, string prefix) => new(Partition(shipment), prefix + TableKeys.Escape(shipment.CarrierShipmentId))
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
        ["TrackingState"] = shipment.TrackingState?.ToString(),
        ["TrackingStateAt"] = shipment.TrackingStateAt,
        ["CarrierStatus"] = shipment.CarrierStatus,
        ["LastHeardAt"] = shipment.LastHeardAt,
    };

    private static ShipmentRecord FromEntity(TableEntity e, bool storedOpen) => new()
    {
        CarrierAccountId = e.GetString("CarrierAccountId") ?? TableKeys.Unescape(e.PartitionKey),
        CarrierShipmentId = e.GetString("CarrierShipmentId") ?? "",
        Carrier = e.GetString("Carrier") ?? "",
        Order = new OrderKey(e.GetString("ConnectionId") ?? "", e.GetString("ChannelOrderId") ?? ""),
        Reference = e.GetString("Reference") ?? "",
        State = Enum.TryParse<ShipmentState>(e.GetString("State"), out var state) ? state : ShipmentState.Open,
        TrackingNumber = e.GetString("TrackingNumber"),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        DespatchedAt = e.GetDateTimeOffset("DespatchedAt"),
        LabelBlob = e.GetString("LabelBlob"),
        LabelProblem = e.GetString("LabelProblem"),
        TrackingState = Enum.TryParse<TrackingState>(e.GetString("TrackingState"), out var tracking) ? tracking : null,
        TrackingStateAt = e.GetDateTimeOffset("TrackingStateAt"),
        CarrierStatus = e.GetString("CarrierStatus"),
        LastHeardAt = e.GetDateTimeOffset("LastHeardAt"),
        ETag = e.ETag.ToString(),
        StoredOpen = storedOpen,
    };
}
