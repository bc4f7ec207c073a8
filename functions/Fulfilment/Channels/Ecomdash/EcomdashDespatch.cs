using Fulfilment.Channels.Ecomdash.Dtos;
using Fulfilment.Connections;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>
/// Writes a despatch back: a shipment of exactly the despatched lines (a partial shipment ships only those), then its
/// tracking number and carrier id, exactly once. Each step looks first: a shipment already carrying our tracking number
/// means an earlier delivery finished; an untracked shipment of exactly our lines means one stopped after creating it,
/// and only its tracking is sent.
/// </summary>
public sealed class EcomdashDespatch(EcomdashClient client, EcomdashReferenceData reference)
{
    public async Task<DespatchResult> MarkAsync(ChannelConnection connection, DespatchNotice notice, CancellationToken cancellationToken)
    {
        var merchant = EcomdashMerchant.Of(connection);
        var tracking = notice.TrackingNumber.Trim();
        if (tracking.Length == 0)
            throw EcomdashException.Invalid("A despatch needs a tracking number to write back to Ecomdash.");
        var lines = notice.Lines.Where(l => l.Quantity > 0)
            .GroupBy(l => EcomdashIds.Text(EcomdashIds.Parse(l.LineId, "line item id"))!, StringComparer.Ordinal)
            .Select(g => new DespatchLine(g.Key, g.Sum(l => l.Quantity)))
            .ToList();
        if (lines.Count == 0)
            throw EcomdashException.Invalid($"The despatch of Ecomdash order {notice.ChannelOrderId} names no lines to ship.");

        var shipments = await client.GetOrderShipmentsAsync(merchant, notice.ChannelOrderId, cancellationToken);
        if (shipments.FirstOrDefault(s => (s.Items ?? []).Any(i => SameTracking(i.TrackingNumber, tracking))) is { } done)
            return new DespatchResult(EcomdashIds.Text(done.Id) ?? "", AlreadyRecorded: true);

        // The carrier first: a carrier Ecomdash does not have must not leave an untracked shipment behind.
        var carrierId = await CarrierIdAsync(merchant, connection, notice.ShippingCarrier, cancellationToken);

        var shipment = shipments.FirstOrDefault(s => IsUntracked(s) && HasExactly(s, lines))
            ?? await client.CreateShipmentAsync(merchant, EcomdashMapper.CreateShipment(notice.ChannelOrderId, notice.DespatchedAt, lines), cancellationToken);
        if (shipment.Items is not { Count: > 0 })
            throw EcomdashException.Invalid($"Ecomdash answered shipment {EcomdashIds.Text(shipment.Id)} of order {notice.ChannelOrderId} without its items.");

        var result = await client.SubmitTrackingAsync(merchant, EcomdashMapper.TrackingSubmission(shipment, carrierId, tracking, notice.DespatchedAt), cancellationToken);
        // One element: anything but Success means it was not applied (if it was after all, the next look finds it).
        if (result.Status != EcomdashStatus.Success)
            throw EcomdashException.Refused(EcomdashOperations.SubmitTrackingInfo.Name, result.Messages);
        return new DespatchResult(EcomdashIds.Text(shipment.Id) ?? "", AlreadyRecorded: false);
    }

    private async Task<decimal> CarrierIdAsync(EcomdashMerchant merchant, ChannelConnection connection, string carrier, CancellationToken cancellationToken)
    {
        var map = EcomdashConnectionFields.Pairs.Parse(connection.Setting(EcomdashConnectionFields.Carriers));
        var carriers = await reference.CarriersAsync(merchant, cancellationToken);
        if (EcomdashReferenceData.CarrierId(carriers, carrier, map) is { } id)
            return id;
        // The merchant may have added it since we last looked.
        carriers = await reference.CarriersAsync(merchant, cancellationToken, fresh: true);
        return EcomdashReferenceData.CarrierId(carriers, carrier, map)
            ?? throw EcomdashException.Invalid(
                $"Ecomdash has no carrier matching \"{carrier}\" (its carriers: {string.Join(", ", carriers.Select(c => c.Name))}). " +
                $"Add it in ecomdash, or name one in the connection's carriers setting (e.g. {carrier}=Royal Mail), then replay the order.");
    }

    private static bool SameTracking(string? a, string b) => string.Equals(a?.Trim(), b, StringComparison.OrdinalIgnoreCase);

    private static bool IsUntracked(EdShipment shipment) =>
        (shipment.Items ?? []).All(i => string.IsNullOrWhiteSpace(i.TrackingNumber) && i.IsShipped != true);

    private static bool HasExactly(EdShipment shipment, IReadOnlyList<DespatchLine> lines)
    {
        var shipped = (shipment.Items ?? [])
            .GroupBy(i => EcomdashIds.Text(i.OrderLineItemId) ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(i => i.QuantityShipped), StringComparer.Ordinal);
        return shipped.Count == lines.Count && lines.All(l => shipped.TryGetValue(l.LineId, out var q) && q == l.Quantity);
    }
}
