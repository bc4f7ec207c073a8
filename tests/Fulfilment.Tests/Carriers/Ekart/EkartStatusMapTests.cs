using Fulfilment.Carriers.Ekart;
using Fulfilment.Tracking;

namespace Fulfilment.Tests.Carriers.Ekart;

public class EkartStatusMapTests
{
    [Theory]
    [InlineData("shipment_created", TrackingState.Created)]
    [InlineData("pickup_scheduled", TrackingState.Created)]
    [InlineData("out_for_pickup", TrackingState.Created)]
    [InlineData("pickup_reattempt", TrackingState.Created)]
    [InlineData("expected", TrackingState.Created)]
    [InlineData("pickup_complete", TrackingState.PickedUp)]
    [InlineData("shipment_pickup_complete", TrackingState.PickedUp)]
    [InlineData("received", TrackingState.InTransit)]
    [InlineData("received_at_dh", TrackingState.InTransit)]
    [InlineData("in_transit", TrackingState.InTransit)]
    [InlineData("shipment_in_transit", TrackingState.InTransit)]
    [InlineData("shipment_misrouted", TrackingState.InTransit)]
    [InlineData("out_for_delivery", TrackingState.OutForDelivery)]
    [InlineData("shipment_out_for_delivery", TrackingState.OutForDelivery)]
    [InlineData("delivered", TrackingState.Delivered)]
    [InlineData("shipment_delivered", TrackingState.Delivered)]
    [InlineData("shipment_undelivered_attempted_customer_not_available", TrackingState.Undelivered)]
    [InlineData("shipment_undelivered_unattempted_heavy_rain", TrackingState.Undelivered)]
    [InlineData("shipment_rto_created_cancel_by_customer", TrackingState.RtoInitiated)]
    [InlineData("shipment_rto_confirmed", TrackingState.RtoInitiated)]
    [InlineData("shipment_rto_in_transit", TrackingState.RtoInTransit)]
    [InlineData("shipment_rto_completed", TrackingState.RtoDelivered)]
    [InlineData("shipment_rto_cancelled_customer_reachable", TrackingState.InTransit)]
    [InlineData("shipment_lost", TrackingState.Lost)]
    [InlineData("cancelled", TrackingState.Cancelled)]
    [InlineData("pickup_cancelled", TrackingState.Cancelled)]
    [InlineData("SHIPMENT_DELIVERED", TrackingState.Delivered)]
    [InlineData("RTO In Transit", TrackingState.RtoInTransit)]
    [InlineData("Out for Delivery", TrackingState.OutForDelivery)]
    [InlineData("Delivery Attempted", TrackingState.Undelivered)]
    [InlineData("Order Placed", TrackingState.Created)]
    public void Statuses_map_by_prefix_in_any_spelling(string status, TrackingState expected) =>
        Assert.Equal(expected, EkartStatusMap.Map(status));

    [Theory]
    [InlineData("return_pickup_scheduled")]
    [InlineData("something_ekart_invents_later")]
    [InlineData("deliveredish")]
    [InlineData("")]
    public void Unknown_codes_map_to_nothing(string status) => Assert.Null(EkartStatusMap.Map(status));
}
