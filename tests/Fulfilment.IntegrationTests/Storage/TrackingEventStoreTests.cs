using Fulfilment.Storage;
using Fulfilment.Tracking;

namespace Fulfilment.IntegrationTests.Storage;

public class TrackingEventStoreTests
{
    private static TrackingEvent Event(string shipment, DateTimeOffset at, string status, TrackingEventSource source = TrackingEventSource.Webhook, string? raw = null) => new()
    {
        CarrierAccountId = "ekart/in", // a key character that must be escaped
        CarrierShipmentId = shipment,
        At = at,
        CarrierStatus = status,
        State = TrackingState.InTransit,
        Source = source,
        ReceivedAt = DateTimeOffset.UtcNow,
        Raw = raw,
    };

    [Fact]
    public async Task The_same_event_heard_twice_is_stored_once_whichever_route_it_came_by()
    {
        await using var storage = await StorageTestContext.SharedAsync();
        var store = storage.Get<ITrackingEventStore>();
        var shipment = StorageTestContext.Unique("FFQP");
        var at = new DateTimeOffset(2026, 3, 2, 12, 10, 0, TimeSpan.FromHours(5.5));

        var first = await store.AddNewAsync("ekart/in", shipment, [Event(shipment, at, "in_transit", raw: "{\"a\":1}")], default);
        var again = await store.AddNewAsync("ekart/in", shipment, [Event(shipment, at.ToUniversalTime(), "in_transit", TrackingEventSource.Poll)], default);

        Assert.Single(first);
        Assert.Empty(again);
        var stored = Assert.Single(await store.ListAsync("ekart/in", shipment, default));
        Assert.Equal(("{\"a\":1}", TrackingEventSource.Webhook), (stored.Raw, stored.Source));
    }

    [Fact]
    public async Task Events_are_listed_by_event_time_not_arrival()
    {
        await using var storage = await StorageTestContext.SharedAsync();
        var store = storage.Get<ITrackingEventStore>();
        var shipment = StorageTestContext.Unique("FFQP");
        var t0 = DateTimeOffset.UtcNow.AddHours(-3);

        await store.AddNewAsync("ekart/in", shipment, [Event(shipment, t0.AddHours(2), "out_for_delivery")], default);
        await store.AddNewAsync("ekart/in", shipment, [Event(shipment, t0, "shipment_created"), Event(shipment, t0.AddHours(1), "in_transit")], default);

        Assert.Equal(["shipment_created", "in_transit", "out_for_delivery"], (await store.ListAsync("ekart/in", shipment, default)).Select(e => e.CarrierStatus));
    }
}
