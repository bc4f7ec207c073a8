namespace Sandbox.Ekart;

/// <summary>Where the simulated courier says a shipment is for each status: origin city, destination city, or back home.</summary>
internal static class EkartEventPlaces
{
    public static (string City, string HubName) For(EkartShipmentState shipment, string status)
    {
        if (status.StartsWith(EkartStatuses.RtoCreatedPrefix, StringComparison.Ordinal) || status == EkartStatuses.RtoConfirmed)
            return (shipment.Latest.City, shipment.Latest.HubName); // the return starts wherever the parcel is
        if (status is EkartStatuses.RtoInTransit)
            return Hub(shipment.Destination.City, "Mother Hub");
        if (status is EkartStatuses.RtoCompleted)
            return Hub(shipment.Source.City, "Return Hub");
        if (status is EkartStatuses.ReceivedAtDeliveryHub or EkartStatuses.OutForDelivery or "shipment_out_for_delivery"
            or EkartStatuses.Delivered or "shipment_delivered" or EkartStatuses.Lost
            || status.StartsWith("shipment_undelivered_", StringComparison.Ordinal))
            return Hub(shipment.Destination.City, "Delivery Hub");
        return Hub(shipment.Source.City, "Pickup Hub");
    }

    private static (string City, string HubName) Hub(string city, string kind) => (city, $"{city} {kind}");
}
