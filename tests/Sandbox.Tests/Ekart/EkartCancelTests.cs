using System.Net;
using Sandbox.Ekart;

namespace Sandbox.Tests.Ekart;

/// <summary>PUT /v2/shipments/rto/create: cancelled before pickup, returned to origin after it.</summary>
public sealed class EkartCancelTests
{
    [Theory]
    [InlineData(EkartStatuses.ShipmentCreated)]
    [InlineData(EkartStatuses.PickupScheduled)]
    [InlineData(EkartStatuses.OutForPickup)]
    public async Task Cancel_before_pickup_cancels_the_shipment(string reached)
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();
        if (reached != EkartStatuses.ShipmentCreated) ekart.Simulator.Advance(trackingId, reached);

        var (status, body) = await ekart.CancelAsync((trackingId, "Cancel By Customer"));

        Assert.Equal(HttpStatusCode.OK, status);
        var line = body!["response"]![0]!;
        Assert.Equal(trackingId, line["tracking_id"]!.GetValue<string>());
        Assert.Equal("REQUEST_RECEIVED", line["status"]!.GetValue<string>());
        Assert.Equal(200, line["status_code"]!.GetValue<int>());
        Assert.Equal(EkartStatuses.Cancelled, ekart.Simulator.Shipment(trackingId)!.Status);
    }

    [Fact]
    public async Task Cancel_after_pickup_starts_an_rto_named_after_the_reason_that_ends_rto_completed()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();
        ekart.Simulator.Advance(trackingId, EkartStatuses.PickupComplete);
        ekart.Simulator.Advance(trackingId, EkartStatuses.InTransit);

        var (status, _) = await ekart.CancelAsync((trackingId, "Cancel By Customer"));
        var returning = ekart.Simulator.Shipment(trackingId)!.Status;
        ekart.Simulator.SetCourier(EkartFixture.Merchant, EkartCourierSchedule.Realistic);
        ekart.Clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("shipment_rto_created_cancel_by_customer", returning);
        var (_, track) = await ekart.TrackAsync(trackingId);
        var history = track![trackingId]!["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).Take(3);
        Assert.Equal([EkartStatuses.RtoCompleted, EkartStatuses.RtoInTransit, "shipment_rto_created_cancel_by_customer"], history);
        Assert.True(track[trackingId]!["rto"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Unknown_and_delivered_shipments_are_rejected_line_by_line_next_to_an_accepted_one()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var open = await ekart.CreateShipmentAsync(1);
        var delivered = await ekart.CreateShipmentAsync(2);
        foreach (var step in new[] { EkartStatuses.PickupComplete, EkartStatuses.InTransit, EkartStatuses.OutForDelivery, EkartStatuses.Delivered })
            ekart.Simulator.Advance(delivered, step);

        var (status, body) = await ekart.CancelAsync((open, "Cancel By Customer"), (delivered, "Cancel By Customer"), ("ABCP9999999999", "Cancel By Customer"));

        Assert.Equal(HttpStatusCode.OK, status);
        var lines = body!["response"]!.AsArray();
        Assert.Equal(["REQUEST_RECEIVED", "REQUEST_REJECTED", "REQUEST_REJECTED"], lines.Select(l => l!["status"]!.GetValue<string>()));
        Assert.Equal(EkartStatuses.Delivered, ekart.Simulator.Shipment(delivered)!.Status);
        Assert.Contains("already delivered", lines[1]!["message"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_only_unknown_shipments_answers_400()
    {
        await using var ekart = await EkartFixture.StartAsync();

        var (status, body) = await ekart.CancelAsync(("ABCP9999999999", "Cancel By Customer"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQUEST_REJECTED", EkartRequests.LineStatus(body));
    }

    [Fact]
    public async Task Another_merchants_shipment_cannot_be_cancelled()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();

        var (status, _) = await ekart.CallAsync(HttpMethod.Put, "ekart/v2/shipments/rto/create",
            System.Text.Json.Nodes.JsonNode.Parse($$"""{"request_details":[{"tracking_id":"{{trackingId}}","reason":"x"}]}"""), EkartFixture.OtherMerchant);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(EkartStatuses.ShipmentCreated, ekart.Simulator.Shipment(trackingId)!.Status);
    }

    [Fact]
    public async Task Second_cancel_of_a_cancelled_shipment_is_rejected_and_recorded()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();
        await ekart.CancelAsync((trackingId, "Cancel By Customer"));

        var (status, body) = await ekart.CancelAsync((trackingId, "Cancel By Customer"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["Shipment is already cancelled"], EkartRequests.Messages(body));
        Assert.Equal([true, false], ekart.Simulator.Shipment(trackingId)!.Cancellations.Select(c => c.Accepted));
    }

    [Fact]
    public async Task Cancel_without_a_reason_is_rejected()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();

        var (status, body) = await ekart.CancelAsync((trackingId, ""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["Reason is null or empty"], EkartRequests.Messages(body));
    }

    [Fact]
    public async Task Cancel_without_request_details_is_400()
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var response = await ekart.SendAsync(HttpMethod.Put, "ekart/v2/shipments/rto/create", """{"request_details":[]}""",
            EkartFixture.Merchant, await ekart.BearerAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Cancel_is_a_put_so_a_post_is_405()
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var response = await ekart.SendAsync(HttpMethod.Post, "ekart/v2/shipments/rto/create", """{"request_details":[]}""",
            EkartFixture.Merchant, await ekart.BearerAsync());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
