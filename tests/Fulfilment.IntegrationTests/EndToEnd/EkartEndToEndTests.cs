using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Sandbox.Ekart;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>Ekart end to end: Azurite, the simulators (Ekart's webhooks included) and the function app under the local host.</summary>
public class EkartEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Pickup_reported_by_webhook_despatches_the_order_and_writes_it_back_to_the_channel_and_the_timeline_shows_every_step()
    {
        await using var scenario = await EkartScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        var trackingId = await scenario.TrackingIdAsync("india");

        scenario.Ekart.Advance(trackingId, EkartStatuses.PickupScheduled);
        scenario.Ekart.Advance(trackingId, EkartStatuses.PickupComplete);
        await scenario.SettleAsync();

        Assert.Equal("WrittenBack", await scenario.StateAsync("india"));
        var written = Assert.Single(scenario.BigCommerce.GetShipments(EkartScenario.StoreHash, scenario.Orders["india"]));
        Assert.Equal(trackingId, written.TrackingNumber);
        Assert.All(scenario.Ekart.WebhookDeliveries(), d => Assert.Equal(200, d.ResponseStatus));

        scenario.Ekart.Advance(trackingId, EkartStatuses.InTransit);
        await scenario.SettleAsync();
        var timeline = await scenario.TimelineAsync("india");
        Assert.Equal("WrittenBack", timeline["order"]!["state"]!.GetValue<string>());
        Assert.Equal(("Ekart", "InTransit", "Open"), (timeline["shipment"]!["carrier"]!.GetValue<string>(),
            timeline["shipment"]!["trackingState"]!.GetValue<string>(), timeline["shipment"]!["state"]!.GetValue<string>()));
        var entries = timeline["timeline"]!.AsArray();
        var times = entries.Select(e => DateTimeOffset.Parse(e!["at"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(["Imported", "Normalised", "ShipmentRequested", "ShipmentCreated", "Despatched", "WrittenBack"],
            entries.Where(e => e!["kind"]!.GetValue<string>() == "State").Select(e => e!["to"]!.GetValue<string>()));
        Assert.Equal(["shipment_created", "pickup_scheduled", "pickup_complete", "in_transit"],
            entries.Where(e => e!["kind"]!.GetValue<string>() == "Tracking").Select(e => e!["carrierStatus"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_retry_after_a_create_timed_out_creates_no_second_ekart_shipment()
    {
        await using var scenario = await EkartScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");

        // Ekart creates the shipments, then holds its answer past our timeout: we cannot know they exist.
        scenario.Ekart.ActThenFail(EkartOperation.Create, EkartActThenFailMode.Stall, TimeSpan.FromSeconds(20));
        await scenario.RunAsync("CreateShipments");
        Assert.Equal("ShipmentRequested", await scenario.StateAsync("india"));
        Assert.Equal(2, scenario.Ekart.Shipments(EkartScenario.MerchantCode).Count);

        await scenario.CreateUntilAsync("india");
        await scenario.CreateUntilAsync("india-2");

        var held = scenario.Ekart.Shipments(EkartScenario.MerchantCode);
        Assert.Equal(2, held.Count);
        Assert.Equal(held.Select(s => s.TrackingId).Order(), new[] { await scenario.TrackingIdAsync("india"), await scenario.TrackingIdAsync("india-2") }.Order());
        Assert.Equal(1, scenario.Ekart.RequestLog().Count(r => r.Operation == EkartOperation.Create));
    }

    [Fact]
    public async Task A_shipment_recorded_only_after_its_tracking_events_arrived_is_despatched_from_them()
    {
        // Found by the chaos run: a create whose answer was lost is recorded after the settle delay, and by then the
        // courier may have sent every event (picked up, delivered). They were kept, but nothing applied them once the
        // shipment became ours, so the order stayed ShipmentCreated for good.
        await using var scenario = await EkartScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");
        scenario.Ekart.ActThenFail(EkartOperation.Create, EkartActThenFailMode.ServerError);
        await scenario.RunAsync("CreateShipments");
        Assert.Equal("ShipmentRequested", await scenario.StateAsync("india"));

        foreach (var shipment in scenario.Ekart.Shipments(EkartScenario.MerchantCode))
            foreach (var status in new[] { EkartStatuses.PickupComplete, EkartStatuses.InTransit, EkartStatuses.Delivered })
                scenario.Ekart.Advance(shipment.TrackingId, status);
        await scenario.SettleAsync();
        Assert.All(scenario.Ekart.WebhookDeliveries(), d => Assert.Equal(200, d.ResponseStatus));

        // The lookup after the settle delay finds the shipments; no event will come again.
        await EkartScenario.EventuallyAsync(async () =>
        {
            await scenario.RunAsync("CreateShipments");
            return await scenario.StateAsync("india") != "ShipmentRequested" && await scenario.StateAsync("india-2") != "ShipmentRequested";
        }, "both Indian orders recorded their Ekart shipments");
        await scenario.SettleAsync();

        Assert.Equal("WrittenBack", await scenario.StateAsync("india"));
        Assert.Equal("WrittenBack", await scenario.StateAsync("india-2"));
        Assert.Equal(await scenario.TrackingIdAsync("india"),
            Assert.Single(scenario.BigCommerce.GetShipments(EkartScenario.StoreHash, scenario.Orders["india"])).TrackingNumber);
    }

    [Fact]
    public async Task Forged_unsigned_stale_and_malformed_webhooks_are_refused_and_duplicates_change_nothing()
    {
        await using var scenario = await EkartScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        var trackingId = await scenario.TrackingIdAsync("india");
        await scenario.SettleAsync();

        scenario.Ekart.QueueWebhookFaults(EkartScenario.MerchantCode, EkartWebhookFault.WrongSecret, EkartWebhookFault.Unsigned);
        scenario.Ekart.Advance(trackingId, EkartStatuses.PickupComplete);
        scenario.Ekart.Advance(trackingId, EkartStatuses.InTransit);
        await scenario.SettleAsync();
        var forged = scenario.Ekart.WebhookDeliveries().Where(d => d.Fault is EkartWebhookFault.WrongSecret or EkartWebhookFault.Unsigned).ToList();
        Assert.Equal(2, forged.Count);
        Assert.All(forged, d => Assert.Equal(401, d.ResponseStatus));
        Assert.Equal("ShipmentCreated", await scenario.StateAsync("india"));

        var stale = WebhookBody(trackingId, "delivered", DateTimeOffset.UtcNow.AddDays(-10));
        Assert.Equal(HttpStatusCode.Unauthorized, (await scenario.PostWebhookAsync(stale)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scenario.PostWebhookAsync(WebhookBody(trackingId, "delivered", DateTimeOffset.UtcNow.AddDays(2)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await scenario.PostWebhookAsync("this is not json")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await scenario.PostWebhookAsync($$"""{"tracking_id":"{{trackingId}}","event_date":"2026-03-02 10:00:00"}""")).StatusCode);
        using (var noKey = new HttpClient())
        {
            var withoutKey = scenario.WebhookUrl.Replace($"code={Uri.EscapeDataString(scenario.FunctionKey)}&", "", StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.PostAsync(withoutKey, new StringContent(stale))).StatusCode);
        }
        await scenario.SettleAsync();
        Assert.Equal("ShipmentCreated", await scenario.StateAsync("india"));

        // The carrier sends the events again, correctly signed, twice each: applied once.
        await scenario.Ekart.SendWebhookAsync(trackingId, EkartWebhookFault.Duplicate, sequence: 2);
        await scenario.Ekart.SendWebhookAsync(trackingId, EkartWebhookFault.Duplicate, sequence: 3);
        await scenario.SettleAsync();

        Assert.Equal("WrittenBack", await scenario.StateAsync("india"));
        Assert.Single(scenario.BigCommerce.GetShipments(EkartScenario.StoreHash, scenario.Orders["india"]));
        var timeline = await scenario.TimelineAsync("india", raw: true);
        var tracking = timeline["timeline"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "Tracking").ToList();
        Assert.Equal(["shipment_created", "pickup_complete", "in_transit"], tracking.Select(e => e!["carrierStatus"]!.GetValue<string>()));
        // The raw event is kept as Ekart sent it, unknown fields and all.
        var pickup = tracking.Single(e => e!["carrierStatus"]!.GetValue<string>() == "pickup_complete")!;
        Assert.Contains("\"notification_type\":\"critical_update\"", pickup["raw"]!.GetValue<string>());
    }

    [Fact]
    public async Task Out_of_order_delayed_and_replayed_events_never_move_a_shipment_backwards()
    {
        await using var scenario = await EkartScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        var trackingId = await scenario.TrackingIdAsync("india");
        await scenario.SettleAsync();

        // pickup is held back behind in_transit; out_for_delivery is delayed; then the first event is replayed last.
        scenario.Ekart.QueueWebhookFaults(EkartScenario.MerchantCode, EkartWebhookFault.Reorder, EkartWebhookFault.None, EkartWebhookFault.Delay, EkartWebhookFault.Stale);
        scenario.Ekart.Advance(trackingId, EkartStatuses.PickupComplete);
        scenario.Ekart.Advance(trackingId, EkartStatuses.InTransit);
        scenario.Ekart.Advance(trackingId, EkartStatuses.OutForDelivery);
        scenario.Ekart.Advance(trackingId, EkartStatuses.UndeliveredAttempted("customer not available"));
        await EkartScenario.EventuallyAsync(() => Task.FromResult(scenario.Ekart.WebhookDeliveries().Any(d => d.Fault == EkartWebhookFault.Delay)),
            "the delayed event is delivered");
        await scenario.SettleAsync();

        var order = scenario.Ekart.WebhookDeliveries().Where(d => d.TrackingId == trackingId).Select(d => d.Status).ToList();
        Assert.True(order.IndexOf(EkartStatuses.PickupComplete) > order.IndexOf(EkartStatuses.InTransit), "pickup arrived after in_transit");
        Assert.True(order.LastIndexOf(EkartStatuses.ShipmentCreated) > order.IndexOf(EkartStatuses.UndeliveredAttempted("customer not available")), "the first event was replayed last");
        Assert.True(order.IndexOf(EkartStatuses.OutForDelivery) > order.IndexOf(EkartStatuses.UndeliveredAttempted("customer not available")), "out_for_delivery arrived late");
        var timeline = await scenario.TimelineAsync("india");
        Assert.Equal("Undelivered", timeline["shipment"]!["trackingState"]!.GetValue<string>());
        Assert.Equal("WrittenBack", timeline["order"]!["state"]!.GetValue<string>());

        scenario.Ekart.Advance(trackingId, EkartStatuses.OutForDelivery);
        scenario.Ekart.Advance(trackingId, EkartStatuses.Delivered);
        await scenario.SettleAsync();
        await scenario.Ekart.SendWebhookAsync(trackingId, EkartWebhookFault.None, sequence: 4); // an old out_for_delivery, late
        await scenario.SettleAsync();

        timeline = await scenario.TimelineAsync("india");
        Assert.Equal(("Delivered", "Closed"), (timeline["shipment"]!["trackingState"]!.GetValue<string>(), timeline["shipment"]!["state"]!.GetValue<string>()));
        Assert.Single(scenario.BigCommerce.GetShipments(EkartScenario.StoreHash, scenario.Orders["india"]));
    }

    [Fact]
    public async Task A_shipment_nothing_is_heard_of_is_asked_about_and_its_pickup_written_back()
    {
        await using var scenario = await EkartScenario.StartAsync(output, new Dictionary<string, string?> { ["Tracking__SilentAfterMinutes"] = "0" }, registerWebhook: false);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        var trackingId = await scenario.TrackingIdAsync("india");
        scenario.Ekart.Advance(trackingId, EkartStatuses.PickupComplete);

        await scenario.RunAsync("TrackSilentShipments");

        Assert.Equal("WrittenBack", await scenario.StateAsync("india"));
        Assert.Equal(trackingId, Assert.Single(scenario.BigCommerce.GetShipments(EkartScenario.StoreHash, scenario.Orders["india"])).TrackingNumber);
        var timeline = await scenario.TimelineAsync("india");
        Assert.All(timeline["timeline"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "Tracking"), e => Assert.Equal("Poll", e!["source"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_token_that_expires_mid_run_is_renewed_and_the_run_carries_on()
    {
        await using var scenario = await EkartScenario.StartAsync(output, registerWebhook: false);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        var trackingId = await scenario.TrackingIdAsync("india");

        scenario.Ekart.ExpireTokens();
        using var cancelled = await scenario.CancelAsync("india");

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(EkartStatuses.Cancelled, scenario.Ekart.Shipment(trackingId)!.Status);
        var log = scenario.Ekart.RequestLog();
        Assert.Equal(2, log.Count(r => r.Operation == EkartOperation.Token));
        Assert.Equal(1, log.Count(r => r.Status == 401));
    }

    private static string WebhookBody(string trackingId, string status, DateTimeOffset at) =>
        new JsonObject
        {
            ["tracking_id"] = trackingId,
            ["status"] = status,
            ["event_date_iso8601"] = at.ToOffset(TimeSpan.FromHours(5.5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        }.ToJsonString();
}
