using Azure;
using Azure.Data.Tables;
using Fulfilment.Orders;
using Fulfilment.Shipping;

namespace Fulfilment.Storage.Tables;

/// <summary>Maps <see cref="FulfilmentOrder"/> to and from its Orders row: PK connection id, RK channel order id (both escaped).</summary>
internal static class OrderEntityMapper
{
    private const string WriteBackStartsRecorded = "WriteBackStartsRecorded";

    public static TableEntity ToEntity(FulfilmentOrder order)
    {
        var entity = new TableEntity(TableKeys.Escape(order.Key.ConnectionId), TableKeys.Escape(order.Key.ChannelOrderId))
        {
            ["ConnectionId"] = order.Key.ConnectionId,
            ["ChannelOrderId"] = order.Key.ChannelOrderId,
            ["ChannelOrderNumber"] = order.Snapshot.OrderNumber ?? order.Snapshot.ChannelOrderId,
            ["Channel"] = order.Channel,
            ["State"] = order.State.ToString(),
            ["Reason"] = order.Reason,
            ["ResumeState"] = order.ResumeState?.ToString(),
            ["ImportedAt"] = order.ImportedAt,
            ["UpdatedAt"] = order.UpdatedAt,
            ["CarrierShipmentId"] = order.CarrierShipmentId,
            ["TrackingNumber"] = order.TrackingNumber,
            ["DespatchedAt"] = order.DespatchedAt,
            ["TraceParent"] = order.TraceParent,
            ["HistoryDropped"] = order.HistoryDropped,
            ["CarrierRequestedAt"] = order.CarrierRequestedAt,
            ["CancelRequestedAt"] = order.CancelRequestedAt,
            ["CancelReason"] = order.CancelReason,
            ["WriteBackClaimedUntil"] = order.WriteBackClaimedUntil,
            ["WriteBackStartedAt"] = order.WriteBackStartedAt,
            // Marks rows that record write-back starts (a null column is not stored, so its absence says nothing).
            [WriteBackStartsRecorded] = true,
        };
        JsonColumns.Write(entity, "Snapshot", order.Snapshot, StorageJsonContext.Default.ChannelOrder);
        JsonColumns.Write(entity, "Plan", order.Plan, StorageJsonContext.Default.ShipmentPlan);
        JsonColumns.Write(entity, "History", order.History, StorageJsonContext.Default.IReadOnlyListOrderTransition);
        return entity;
    }

    public static FulfilmentOrder FromEntity(TableEntity entity)
    {
        var key = new OrderKey(
            entity.GetString("ConnectionId") ?? TableKeys.Unescape(entity.PartitionKey),
            entity.GetString("ChannelOrderId") ?? TableKeys.Unescape(entity.RowKey));
        var snapshot = JsonColumns.Read(entity, "Snapshot", StorageJsonContext.Default.ChannelOrder)
            ?? throw new InvalidOperationException($"Stored order {key} has no snapshot.");
        var history = JsonColumns.Read(entity, "History", StorageJsonContext.Default.IReadOnlyListOrderTransition) ?? [];
        var importedAt = entity.GetDateTimeOffset("ImportedAt") ?? default;

        var reason = entity.GetString("Reason");
        var order = new FulfilmentOrder(
            key,
            entity.GetString("Channel") ?? "",
            snapshot,
            Enum.Parse<OrderState>(entity.GetString("State") ?? nameof(OrderState.Imported)),
            importedAt,
            entity.GetDateTimeOffset("UpdatedAt") ?? importedAt,
            history,
            reason)
        {
            ResumeState = entity.GetString("ResumeState") is { } resume ? Enum.Parse<OrderState>(resume) : null,
            Plan = JsonColumns.Read(entity, "Plan", StorageJsonContext.Default.ShipmentPlan),
            CarrierShipmentId = entity.GetString("CarrierShipmentId"),
            TrackingNumber = entity.GetString("TrackingNumber"),
            DespatchedAt = entity.GetDateTimeOffset("DespatchedAt"),
            TraceParent = entity.GetString("TraceParent"),
            HistoryDropped = entity.GetInt32("HistoryDropped") ?? 0,
            // Orders stored before this column existed: the history says whether one was sent to a carrier.
            CarrierRequestedAt = entity.GetDateTimeOffset("CarrierRequestedAt") ?? history.FirstOrDefault(t => t.To == OrderState.ShipmentRequested)?.At,
            CancelRequestedAt = entity.GetDateTimeOffset("CancelRequestedAt"),
            CancelReason = entity.GetString("CancelReason"),
            WriteBackClaimedUntil = entity.GetDateTimeOffset("WriteBackClaimedUntil"),
            // Orders stored before starts were recorded may have been written back in part: treat them as started.
            WriteBackStartedAt = entity.GetDateTimeOffset("WriteBackStartedAt") ?? (entity.GetBoolean(WriteBackStartsRecorded) == true ? null : importedAt),
            ETag = entity.ETag == default ? null : entity.ETag.ToString(),
        };
        return order;
    }
}
