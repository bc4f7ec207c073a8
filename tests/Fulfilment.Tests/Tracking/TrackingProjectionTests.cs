using Fulfilment.Tracking;

namespace Fulfilment.Tests.Tracking;

public class TrackingProjectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    private static TrackingEvent Event(int minutes, string status, TrackingState? state) => new()
    {
        CarrierAccountId = "ekart-in",
        CarrierShipmentId = "FFQP0000000001",
        At = T0.AddMinutes(minutes),
        CarrierStatus = status,
        State = state,
        Source = TrackingEventSource.Webhook,
        ReceivedAt = T0.AddDays(1),
    };

    private static readonly TrackingEvent[] Journey =
    [
        Event(0, "shipment_created", TrackingState.Created),
        Event(10, "pickup_scheduled", TrackingState.Created),
        Event(60, "pickup_complete", TrackingState.PickedUp),
        Event(120, "in_transit", TrackingState.InTransit),
        Event(600, "out_for_delivery", TrackingState.OutForDelivery),
    ];

    [Fact]
    public void Every_order_of_arrival_gives_the_state_of_the_newest_event()
    {
        foreach (var arrival in Permutations(Journey))
        {
            var summary = TrackingProjection.Summarise(arrival);

            Assert.Equal(TrackingState.OutForDelivery, summary.State);
            Assert.Equal(T0.AddMinutes(600), summary.StateAt);
            Assert.Equal(T0.AddMinutes(60), summary.PickedUpAt);
        }
    }

    [Fact]
    public void An_older_event_arriving_late_never_moves_the_shipment_backwards()
    {
        var before = TrackingProjection.Summarise(Journey[3..]);
        var after = TrackingProjection.Summarise([.. Journey[3..], Journey[0], Journey[1]]);

        Assert.Equal(TrackingState.OutForDelivery, before.State);
        Assert.Equal(before.State, after.State);
        Assert.Equal(before.StateAt, after.StateAt);
    }

    [Fact]
    public void Nothing_moves_a_delivered_shipment_again()
    {
        var summary = TrackingProjection.Summarise([.. Journey, Event(700, "delivered", TrackingState.Delivered), Event(800, "in_transit", TrackingState.InTransit)]);

        Assert.Equal(TrackingState.Delivered, summary.State);
        Assert.Equal("delivered", summary.CarrierStatus);
    }

    [Fact]
    public void A_failed_attempt_then_a_new_delivery_round_follows_event_time_not_rank()
    {
        var summary = TrackingProjection.Summarise([.. Journey, Event(700, "shipment_undelivered_attempted_customer_not_available", TrackingState.Undelivered),
            Event(1500, "out_for_delivery", TrackingState.OutForDelivery)]);

        Assert.Equal(TrackingState.OutForDelivery, summary.State);
        Assert.Equal(T0.AddMinutes(1500), summary.StateAt);
    }

    [Fact]
    public void Events_of_the_same_instant_are_ordered_by_how_far_along_they_are()
    {
        var summary = TrackingProjection.Summarise([Event(5, "cancelled", TrackingState.Cancelled), Event(5, "shipment_created", TrackingState.Created)]);

        Assert.Equal(TrackingState.Cancelled, summary.State);
        Assert.Null(summary.PickedUpAt);
    }

    [Fact]
    public void Unmapped_codes_are_kept_but_change_nothing()
    {
        var summary = TrackingProjection.Summarise([.. Journey, Event(900, "return_something_new", null)]);

        Assert.Equal(TrackingState.OutForDelivery, summary.State);
        Assert.Equal(TrackingSummary.None, TrackingProjection.Summarise([Event(1, "mystery", null)]));
    }

    [Fact]
    public void A_return_is_followed_home()
    {
        var summary = TrackingProjection.Summarise([.. Journey[..3], Event(200, "shipment_rto_created_cancel_by_customer", TrackingState.RtoInitiated),
            Event(300, "shipment_rto_in_transit", TrackingState.RtoInTransit), Event(400, "shipment_rto_completed", TrackingState.RtoDelivered)]);

        Assert.Equal(TrackingState.RtoDelivered, summary.State);
        Assert.True(TrackingStates.IsFinal(summary.State!.Value));
        Assert.Equal(T0.AddMinutes(60), summary.PickedUpAt);
    }

    private static IEnumerable<TrackingEvent[]> Permutations(TrackingEvent[] events)
    {
        if (events.Length <= 1)
        {
            yield return events;
            yield break;
        }
        for (var i = 0; i < events.Length; i++)
            foreach (var rest in Permutations([.. events[..i], .. events[(i + 1)..]]))
                yield return [events[i], .. rest];
    }
}
