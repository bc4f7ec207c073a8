namespace Sandbox.BigCommerce.State;

/// <summary>Records a shipment on an order: the lines' shipped quantities, then the order's status and date_modified.</summary>
internal static class SimShipments
{
    public static BigCommerceSimShipment Record(SimStore store, SimOrder order, BigCommerceSimShipment shipment, DateTimeOffset now)
    {
        store.Shipments.Add(shipment);
        foreach (var item in shipment.Items)
            order.Lines.Single(l => l.Id == item.OrderProductId).QuantityShipped += item.Quantity;
        order.UpdateStatusAfterShipment(now);
        return shipment;
    }

    /// <summary>Every physical item not shipped yet, grouped by the address it goes to.</summary>
    public static IEnumerable<(long AddressId, List<BigCommerceSimShipmentItem> Items)> Unshipped(SimOrder order) =>
        order.Lines
            .Where(l => l.IsPhysical && l.QuantityShipped < l.Quantity)
            .GroupBy(l => l.AddressId)
            .Select(g => (g.Key, g.Select(l => new BigCommerceSimShipmentItem(l.Id, l.Quantity - l.QuantityShipped)).ToList()));
}
