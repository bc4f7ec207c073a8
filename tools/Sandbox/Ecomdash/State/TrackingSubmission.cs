namespace Sandbox.Ecomdash;

/// <summary>One element of a submitTrackingInfo body, as read.</summary>
internal sealed record TrackingRequest(
    decimal? ShipmentId,
    decimal? CarrierId,
    string? TrackingNumber,
    DateTimeOffset? ShippedDate,
    DateTimeOffset? EstimatedDeliveryDate,
    IReadOnlyList<TrackingLineRequest>? LineItems);

/// <summary>One of its LineItems: a ShipmentItem id with its own carrier and tracking number, if any.</summary>
internal sealed record TrackingLineRequest(decimal? LineItemId, decimal? CarrierId, string? TrackingNumber);

/// <summary>
/// The portal's rules for one tracking element: ShipmentId required; CarrierIds from GET /carriers; TrackingNumber
/// required unless every line item brings its own; without LineItems every item not yet shipped ships (all of them, as a
/// tracking update, once none remain). Repeats are accepted and recorded (UNCONFIRMED), so tests can count them.
/// Call under the simulator's lock.
/// </summary>
internal static class TrackingSubmission
{
    public static string? Validate(EcomdashAccount account, TrackingRequest request)
    {
        if (request.ShipmentId is null)
            return "ShipmentId is required.";
        if (Shipment(account, request) is null)
            return $"No shipment with an Id of {request.ShipmentId} was found.";
        var carrierIds = (request.LineItems ?? []).Select(l => l.CarrierId).Prepend(request.CarrierId);
        if (carrierIds.Select(c => UnknownCarrier(account, c)).FirstOrDefault(p => p is not null) is { } carrierProblem)
            return carrierProblem;
        if (request.LineItems is null)
            return string.IsNullOrWhiteSpace(request.TrackingNumber) ? "TrackingNumber is required when no LineItems are given." : null;
        if (request.LineItems.Count == 0)
            return "LineItems must not be empty; leave it out to ship every remaining item.";

        var shipment = Shipment(account, request)!;
        foreach (var line in request.LineItems)
        {
            if (line.LineItemId is null)
                return "LineItems[].LineItemId is required.";
            if (DecimalId.ToLong(line.LineItemId) is not { } id || shipment.Items.All(i => i.Id != id))
                return $"Line item {line.LineItemId} is not on shipment {shipment.Id}.";
            if (string.IsNullOrWhiteSpace(line.TrackingNumber ?? request.TrackingNumber))
                return $"TrackingNumber is required for line item {line.LineItemId}.";
        }
        return null;
    }

    public static void Apply(EcomdashAccount account, TrackingRequest request, DateTimeOffset now)
    {
        var shipment = Shipment(account, request)!;
        var order = account.Order(shipment.OrderId)!;
        var targets = request.LineItems is { } lines
            ? lines.Select(l => (Item: shipment.Items.Single(i => i.Id == DecimalId.ToLong(l.LineItemId)), CarrierId: l.CarrierId ?? request.CarrierId, Tracking: l.TrackingNumber ?? request.TrackingNumber!)).ToList()
            : (shipment.Items.Any(i => !i.IsShipped) ? shipment.Items.Where(i => !i.IsShipped) : shipment.Items)
                .Select(i => (Item: i, CarrierId: request.CarrierId, Tracking: request.TrackingNumber!)).ToList();

        foreach (var (item, carrierId, tracking) in targets)
        {
            item.IsShipped = true;
            item.CarrierId = DecimalId.ToLong(carrierId);
            item.TrackingNumber = tracking;
        }
        shipment.ShippedDate = request.ShippedDate ?? shipment.ShippedDate ?? now;
        account.TrackingSubmissions.Add(new EcomdashTrackingSubmission(now, order.Id, shipment.Id, DecimalId.ToLong(request.CarrierId),
            request.TrackingNumber, request.ShippedDate, request.EstimatedDeliveryDate,
            targets.Select(t => new EcomdashTrackedItem(t.Item.Id, t.Item.LineId, t.Item.CarrierId, t.Tracking)).ToList()));
        ShipmentLedger.CompleteIfAllShipped(account, order);
    }

    private static SimShipment? Shipment(EcomdashAccount account, TrackingRequest request) =>
        DecimalId.ToLong(request.ShipmentId) is { } id ? account.Shipments.FirstOrDefault(s => s.Id == id) : null;

    private static string? UnknownCarrier(EcomdashAccount account, decimal? carrierId) =>
        carrierId is null || (DecimalId.ToLong(carrierId) is { } id && account.Carriers.Any(c => c.Id == id))
            ? null
            : $"No carrier with an Id of {carrierId} was found.";
}
