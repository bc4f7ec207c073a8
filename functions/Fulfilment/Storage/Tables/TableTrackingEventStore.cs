using System.Globalization;
using Azure.Data.Tables;
using Fulfilment.Tracking;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Tracking events: PK the shipment (carrier account | carrier shipment id, escaped), RK the event's UTC ticks (19
/// digits, so rows sort by event time) | its carrier status. The key is the event's identity: a duplicate maps to the
/// same row and is never stored twice, whichever route it came by.
/// </summary>
public sealed class TableTrackingEventStore(TableServiceClient service) : ITrackingEventStore
{
    /// <summary>A raw event larger than this is cut: it is kept for people to read, never parsed again.</summary>
    public const int MaxRawChars = 32_000;

    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.TrackingEvents);

    public async Task<IReadOnlyList<TrackingEvent>> AddNewAsync(string carrierAccountId, string carrierShipmentId, IReadOnlyList<TrackingEvent> events,
        CancellationToken cancellationToken)
    {
        if (events.Count == 0)
            return [];
        var partition = Partition(carrierAccountId, carrierShipmentId);
        var held = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"],
                           cancellationToken: cancellationToken))
            held.Add(row.RowKey);

        var added = new List<TrackingEvent>();
        foreach (var e in events)
        {
            if (!held.Add(RowKey(e)))
                continue;
            try
            {
                await _table.AddEntityAsync(ToEntity(partition, e), cancellationToken);
                added.Add(e);
            }
            catch (Azure.RequestFailedException ex) when (ex.IsConflict())
            {
                // The same event, stored meanwhile by another delivery of it.
            }
        }
        return added;
    }

    public async Task<IReadOnlyList<TrackingEvent>> ListAsync(string carrierAccountId, string carrierShipmentId, CancellationToken cancellationToken)
    {
        var partition = Partition(carrierAccountId, carrierShipmentId);
        var events = new List<TrackingEvent>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
            events.Add(FromEntity(entity, carrierAccountId, carrierShipmentId));
        return events;
    }

    private static string Partition(string carrierAccountId, string carrierShipmentId) => TableKeys.Compose(carrierAccountId, carrierShipmentId);

    private static string RowKey(TrackingEvent e) =>
        e.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + TableKeys.Separator + TableKeys.Escape(e.CarrierStatus);

    private static TableEntity ToEntity(string partition, TrackingEvent e)
    {
        var entity = new TableEntity(partition, RowKey(e))
        {
            ["At"] = e.At,
            ["CarrierStatus"] = e.CarrierStatus,
            ["State"] = e.State?.ToString(),
            ["Location"] = e.Location,
            ["Description"] = e.Description,
            ["CarrierEventId"] = e.CarrierEventId,
            ["Source"] = e.Source.ToString(),
            ["ReceivedAt"] = e.ReceivedAt,
        };
        if (e.Raw is { } raw)
            TextColumns.Write(entity, "Raw", raw.Length <= MaxRawChars ? raw : raw[..MaxRawChars] + "…");
        return entity;
    }

    private static TrackingEvent FromEntity(TableEntity e, string carrierAccountId, string carrierShipmentId) => new()
    {
        CarrierAccountId = carrierAccountId,
        CarrierShipmentId = carrierShipmentId,
        At = e.GetDateTimeOffset("At") ?? default,
        CarrierStatus = e.GetString("CarrierStatus") ?? "",
        State = Enum.TryParse<TrackingState>(e.GetString("State"), out var state) ? state : null,
        Location = e.GetString("Location"),
        Description = e.GetString("Description"),
        CarrierEventId = e.GetString("CarrierEventId"),
        Source = Enum.TryParse<TrackingEventSource>(e.GetString("Source"), out var source) ? source : TrackingEventSource.Webhook,
        ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? default,
        Raw = TextColumns.Read(e, "Raw"),
    };
}
