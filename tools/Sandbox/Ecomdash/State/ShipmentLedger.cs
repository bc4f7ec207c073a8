namespace Sandbox.Ecomdash;

/// <summary>
/// How much of each order line is in shipments and how much has shipped, and the rule that completes an order:
/// Complete once every physical line's quantity has shipped (tracking submitted). Call under the simulator's lock.
/// </summary>
internal static class ShipmentLedger
{
    /// <summary>Quantity of the line in any shipment, pending or shipped: what can no longer go in a new shipment.</summary>
    public static decimal Allocated(EcomdashAccount account, SimLine line) =>
        ItemsFor(account, line).Sum(i => i.Quantity);

    public static decimal Remaining(EcomdashAccount account, SimLine line) => line.Quantity - Allocated(account, line);

    public static decimal Shipped(EcomdashAccount account, SimLine line) =>
        ItemsFor(account, line).Where(i => i.IsShipped).Sum(i => i.Quantity);

    public static void CompleteIfAllShipped(EcomdashAccount account, SimOrder order)
    {
        var physical = order.Lines.Where(l => !l.IsDigital).ToList();
        if (physical.Count > 0 && physical.All(l => Shipped(account, l) >= l.Quantity))
            order.Status = EcomdashOrderStatus.Complete;
    }

    private static IEnumerable<SimShipmentItem> ItemsFor(EcomdashAccount account, SimLine line) =>
        account.Shipments.Where(s => s.OrderId == line.OrderId).SelectMany(s => s.Items).Where(i => i.LineId == line.Id);
}
