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
    // Azure allows 100 actions per transaction: two rows per open shipment.
    private const int MaxShipmentsPerTransaction = 50;
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

    /// <summary>
    /// Up to 50 shipments (their record and open rows) per transaction, all in the account's partition. If any of them is
    /// recorded already (a retry after a crash), the transaction fails as a whole and that chunk is added one by one.
    /// </summary>
    public async Task<IReadOnlyList<ShipmentRecord>> AddManyAsync(IReadOnlyList<ShipmentRecord> shipments, CancellationToken cancellationToken)
    {
        if (shipments.Select(s => s.CarrierAccountId).Distinct(StringComparer.Ordinal).Skip(1).Any())
            throw new ArgumentException("Shipments added together must belong to one carrier account.", nameof(shipments));
        var stored = new List<ShipmentRecord>(shipments.Count);
        foreach (var chunk in shipments.Chunk(MaxShipmentsPerTransaction))
        {
            if (chunk.Length == 1 || chunk.Any(s => s.State != ShipmentState.Open)
                || chunk.Select(s => s.CarrierShipmentId).Distinct(StringComparer.Ordinal).Count() < chunk.Length)
            {
                foreach (var shipment in chunk)
                    stored.Add(await AddAsync(shipment, cancellationToken));
                continue;
            }
            try
            {
                var actions = chunk.SelectMany(s => new TableTransactionAction[]
                {
                    new(TableTransactionActionType.Add, ToEntity(s, RecordPrefix)),
                    new(TableTransactionActionType.UpsertReplace, ToEntity(s, OpenPrefix)),
                }).ToList();
                var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i].StoredOpen = true;
                    chunk[i].ETag = response.Value[(2 * i) + 1].Headers.ETag?.ToString();
                }
                stored.AddRange(chunk);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                foreach (var shipment in chunk)
                    stored.Add(await AddAsync(shipment, cancellationToken));
            }
        }
        return stored;
    }

    public async Task SaveAsync(ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        var actions = SaveActions(shipment);
        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
            Saved(shipment, response.Value, 0);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404 or 409)
        {
            throw new ConcurrencyConflictException($"Shipment {shipment.CarrierShipmentId}", ex);
        }
    }

    /// <summary>
    /// Up to 50 shipments (two rows each at most) per transaction; one that changed meanwhile fails its transaction as a
    /// whole, and then that chunk is saved one by one.
    /// </summary>
    public async Task<IReadOnlyList<ShipmentRecord>> SaveManyAsync(IReadOnlyList<ShipmentRecord> shipments, CancellationToken cancellationToken)
    {
        if (shipments.Select(s => s.CarrierAccountId).Distinct(StringComparer.Ordinal).Skip(1).Any())
            throw new ArgumentException("Shipments saved together must belong to one carrier account.", nameof(shipments));
        var conflicts = new List<ShipmentRecord>();
        foreach (var chunk in shipments.Chunk(MaxShipmentsPerTransaction))
        {
            if (chunk.Length > 1 && chunk.Select(s => s.CarrierShipmentId).Distinct(StringComparer.Ordinal).Count() == chunk.Length)
            {
                var actions = chunk.Select(SaveActions).ToList();
                try
                {
                    var response = await _table.SubmitTransactionAsync(actions.SelectMany(a => a), cancellationToken);
                    var at = 0;
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        Saved(chunk[i], response.Value, at);
                        at += actions[i].Count;
                    }
                    continue;
                }
                catch (TableTransactionFailedException)
                {
                    // One of them changed meanwhile (or the chunk was refused): each on its own finds out which.
                }
            }
            foreach (var shipment in chunk)
            {
                try
                {
                    await SaveAsync(shipment, cancellationToken);
                }
                catch (ConcurrencyConflictException)
                {
                    conflicts.Add(shipment);
                }
            }
        }
        return conflicts;
    }

    /// <summary>The rows to write for a shipment, guarded by its ETag: its open index row's while it was open, its record's once closed.</summary>
    private static List<TableTransactionAction> SaveActions(ShipmentRecord shipment)
    {
        if (shipment.ETag is null)
            throw new InvalidOperationException($"Shipment {shipment.CarrierShipmentId} has no ETag: read or add it before saving.");
        var open = shipment.State == ShipmentState.Open;
        var guard = new ETag(shipment.ETag);
        return (shipment.StoredOpen, open) switch
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
    }

    /// <summary>Takes the new guard from the shipment's responses (starting at <paramref name="at"/>): the index row's while open, the record's once closed.</summary>
    private static void Saved(ShipmentRecord shipment, IReadOnlyList<Response> responses, int at)
    {
        var open = shipment.State == ShipmentState.Open;
        shipment.ETag = (open ? responses[at + (shipment.StoredOpen ? 0 : 1)] : responses[at + (shipment.StoredOpen ? 1 : 0)]).Headers.ETag?.ToString();
        shipment.StoredOpen = open;
    }

    public Task<IReadOnlyList<ShipmentRecord>> ListOpenAsync(string carrierAccountId, CancellationToken cancellationToken) =>
        QueryOpenAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Escape(carrierAccountId)} and RowKey ge {OpenPrefix} and RowKey lt {OpenRangeEnd}"), cancellationToken);

    public Task<IReadOnlyList<ShipmentRecord>> ListOpenCreatedSinceAsync(string carrierAccountId, DateTimeOffset since, CancellationToken cancellationToken) =>
        QueryOpenAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.Escape(carrierAccountId)} and RowKey ge {OpenPrefix} and RowKey lt {OpenRangeEnd} and CreatedAt ge {since}"), cancellationToken);

    private async Task<IReadOnlyList<ShipmentRecord>> QueryOpenAsync(string filter, CancellationToken cancellationToken)
    {
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
