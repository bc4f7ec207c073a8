using System.Net;
using System.Text.Json.Nodes;
using Sandbox.Ekart;

namespace Sandbox.Tests.Ekart;

/// <summary>POST /v2/shipments/track: shape, history order and what is left out.</summary>
public sealed class EkartTrackTests
{
    [Fact]
    public async Task Track_answers_keyed_by_tracking_id_with_history_newest_first()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();
        ekart.Clock.Advance(TimeSpan.FromMinutes(30));
        ekart.Simulator.Advance(trackingId, EkartStatuses.PickupScheduled);

        var (status, body) = await ekart.TrackAsync(trackingId);

        Assert.Equal(HttpStatusCode.OK, status);
        var shipment = body![trackingId]!;
        var history = shipment["history"]!.AsArray();
        Assert.Equal([EkartStatuses.PickupScheduled, EkartStatuses.ShipmentCreated], history.Select(h => h!["status"]!.GetValue<string>()));
        var newest = history[0]!;
        Assert.Equal("2026-03-02T10:30:00+05:30", newest["event_date_iso8601"]!.GetValue<string>());
        Assert.Equal("2026-03-02 10:30:00", newest["event_date"]!.GetValue<string>());
        Assert.Equal("Bengaluru", newest["city"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(newest["hub_name"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(newest["public_description"]!.GetValue<string>()));
        Assert.Equal("ORD-1", shipment["order_id"]!.GetValue<string>());
        Assert.False(shipment["delivered"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Expected_delivery_date_is_not_promised_before_pickup_and_is_a_date_after()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();

        var (_, before) = await ekart.TrackAsync(trackingId);
        ekart.Simulator.Advance(trackingId, EkartStatuses.PickupComplete);
        var (_, after) = await ekart.TrackAsync(trackingId);

        Assert.Equal("Shipment yet to be dispatched", before![trackingId]!["expected_delivery_date"]!.GetValue<string>());
        Assert.True(DateTime.TryParse(after![trackingId]!["expected_delivery_date"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task Array_shape_option_answers_a_list_with_tracking_ids()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var first = await ekart.CreateShipmentAsync(1);
        var second = await ekart.CreateShipmentAsync(2);
        ekart.Simulator.TrackShape = EkartTrackShape.Array;

        var (status, body) = await ekart.TrackAsync(first, second);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([first, second], body!.AsArray().Select(s => s!["tracking_id"]!.GetValue<string>()));
        Assert.Equal(EkartStatuses.ShipmentCreated, body[0]!["history"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_ids_and_other_merchants_shipments_are_left_out()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var mine = await ekart.CreateShipmentAsync();
        var theirs = EkartTrackingId.Create(EkartFixture.OtherMerchant, false, 5);
        var request = EkartRequests.Forward(theirs);
        request["client_name"] = EkartFixture.OtherMerchant;
        EkartRequests.ServiceData(request)["source"] = new JsonObject { ["address"] = EkartRequests.Address() };
        EkartRequests.ServiceData(request).Remove("return_location");
        var (created, _) = await ekart.CreateAsync(request, EkartFixture.OtherMerchant);

        var (status, body) = await ekart.TrackAsync(mine, theirs, "ABCP9999999999");

        Assert.Equal(HttpStatusCode.OK, created);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([mine], body!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("""{"tracking_ids":[]}""")]
    [InlineData("""{"ids":["ABCP0000000001"]}""")]
    [InlineData("""{"tracking_ids":"ABCP0000000001"}""")]
    public async Task Track_without_a_list_of_tracking_ids_is_400(string json)
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var response = await ekart.SendAsync(HttpMethod.Post, "ekart/v2/shipments/track", json, EkartFixture.Merchant, await ekart.BearerAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
