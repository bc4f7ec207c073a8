using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Sandbox.Ekart;

namespace Sandbox.Tests.Ekart;

/// <summary>Tracking webhooks to a local receiver that verifies the HMAC: signing, forgeries, duplicates, reordering, replays, delays.</summary>
public sealed class EkartWebhookTests
{
    [Fact]
    public async Task Every_new_event_is_posted_with_an_hmac_sha256_hex_of_the_raw_body()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);

        var trackingId = await ekart.CreateShipmentAsync();
        ekart.Simulator.Advance(trackingId, EkartStatuses.PickupComplete);
        await ekart.Simulator.FlushWebhooksAsync();

        var received = receiver.Received.ToList();
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.True(r.Verified));
        Assert.All(ekart.Simulator.WebhookDeliveries(), d => Assert.Equal(200, d.ResponseStatus));
        var body = JsonNode.Parse(received[1].Body)!;
        Assert.Equal(trackingId, body["tracking_id"]!.GetValue<string>());
        Assert.Equal(EkartStatuses.PickupComplete, body["status"]!.GetValue<string>());
        Assert.Equal(EkartFixture.Start, DateTimeOffset.Parse(body["event_date_iso8601"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(5.5), DateTimeOffset.Parse(body["event_date_iso8601"]!.GetValue<string>(), CultureInfo.InvariantCulture).Offset);
        Assert.Equal("Bengaluru", body["city"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["public_description"]!.GetValue<string>()));
        Assert.NotNull(body["ekl_internal"]); // a field no receiver knows
    }

    [Fact]
    public async Task Base64_signature_in_another_header_is_honoured()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(header: "X-Hub-Signature", base64: true);
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret, "X-Hub-Signature", EkartSignatureEncoding.Base64);

        await ekart.CreateShipmentAsync();
        await ekart.Simulator.FlushWebhooksAsync();

        Assert.True(Assert.Single(receiver.Received).Verified);
    }

    [Fact]
    public async Task Delivery_signed_with_the_wrong_secret_fails_verification_and_the_receivers_401_is_recorded()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);
        ekart.Simulator.QueueWebhookFaults(EkartFixture.Merchant, EkartWebhookFault.WrongSecret);

        await ekart.CreateShipmentAsync();
        await ekart.Simulator.FlushWebhooksAsync();

        var received = Assert.Single(receiver.Received);
        Assert.NotNull(received.Signature);
        Assert.False(received.Verified);
        var delivery = Assert.Single(ekart.Simulator.WebhookDeliveries());
        Assert.Equal(EkartWebhookFault.WrongSecret, delivery.Fault);
        Assert.Equal(401, delivery.ResponseStatus);
    }

    [Fact]
    public async Task Unsigned_delivery_has_no_signature_header()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);
        ekart.Simulator.QueueWebhookFaults(EkartFixture.Merchant, EkartWebhookFault.Unsigned);

        await ekart.CreateShipmentAsync();
        await ekart.Simulator.FlushWebhooksAsync();

        Assert.Null(Assert.Single(receiver.Received).Signature);
        Assert.Equal(401, Assert.Single(ekart.Simulator.WebhookDeliveries()).ResponseStatus);
    }

    [Fact]
    public async Task Duplicate_is_delivered_twice_byte_for_byte_with_the_same_signature()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);
        ekart.Simulator.QueueWebhookFaults(EkartFixture.Merchant, EkartWebhookFault.Duplicate);

        await ekart.CreateShipmentAsync();
        await ekart.Simulator.FlushWebhooksAsync();

        var received = receiver.Received.ToList();
        Assert.Equal(2, received.Count);
        Assert.Equal(received[0], received[1]);
        Assert.True(received[1].Verified);
    }

    [Fact]
    public async Task Reordered_event_arrives_after_the_newer_one()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);
        ekart.Simulator.QueueWebhookFaults(EkartFixture.Merchant, EkartWebhookFault.None, EkartWebhookFault.Reorder);

        var trackingId = await ekart.CreateShipmentAsync();
        ekart.Simulator.Advance(trackingId, EkartStatuses.PickupScheduled);
        ekart.Simulator.Advance(trackingId, EkartStatuses.OutForPickup);
        await ekart.Simulator.FlushWebhooksAsync();

        Assert.Equal([EkartStatuses.ShipmentCreated, EkartStatuses.OutForPickup, EkartStatuses.PickupScheduled], Statuses(receiver));
        Assert.Equal(EkartWebhookFault.Reorder, ekart.Simulator.WebhookDeliveries()[^1].Fault);
    }

    [Fact]
    public async Task Stale_event_is_the_first_event_replayed_verbatim_after_the_latest()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);
        ekart.Simulator.QueueWebhookFaults(EkartFixture.Merchant, EkartWebhookFault.None, EkartWebhookFault.Stale);

        var trackingId = await ekart.CreateShipmentAsync();
        ekart.Clock.Advance(TimeSpan.FromHours(6));
        ekart.Simulator.Advance(trackingId, EkartStatuses.PickupComplete);
        await ekart.Simulator.FlushWebhooksAsync();

        var received = receiver.Received.ToList();
        Assert.Equal([EkartStatuses.ShipmentCreated, EkartStatuses.PickupComplete, EkartStatuses.ShipmentCreated], Statuses(receiver));
        Assert.Equal(received[0].Body, received[2].Body);
        Assert.True(received[2].Verified);
    }

    [Fact]
    public async Task Delayed_delivery_waits_for_the_simulators_clock()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);
        ekart.Simulator.WebhookDelay = TimeSpan.FromSeconds(30);
        ekart.Simulator.QueueWebhookFaults(EkartFixture.Merchant, EkartWebhookFault.Delay);

        await ekart.CreateShipmentAsync();
        await ekart.Simulator.FlushWebhooksAsync();
        var beforeTheDelay = receiver.Received.Count;
        ekart.Clock.Advance(TimeSpan.FromSeconds(30));
        await ekart.Simulator.FlushWebhooksAsync();

        Assert.Equal(0, beforeTheDelay);
        Assert.Equal(EkartWebhookFault.Delay, Assert.Single(ekart.Simulator.WebhookDeliveries()).Fault);
    }

    [Fact]
    public async Task Explicit_send_can_deliver_an_older_event_after_a_newer_one_on_demand()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();
        ekart.Simulator.Advance(trackingId, EkartStatuses.PickupScheduled);
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);

        await ekart.Simulator.SendWebhookAsync(trackingId, EkartWebhookFault.Reorder);

        Assert.Equal([EkartStatuses.PickupScheduled, EkartStatuses.ShipmentCreated], Statuses(receiver));
    }

    [Fact]
    public async Task Storm_with_the_same_seed_gives_the_same_faults_in_the_same_places()
    {
        var first = await StormRunAsync(seed: 7);
        var second = await StormRunAsync(seed: 7);

        Assert.Equal(first, second);
        Assert.Contains(first, d => d.Fault != EkartWebhookFault.None);
        Assert.Contains(first, d => d.Fault == EkartWebhookFault.None);
    }

    [Fact]
    public async Task Storm_delays_hold_deliveries_until_the_clock_passes_them()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);
        ekart.Simulator.SetWebhookStorm(EkartFixture.Merchant, new EkartWebhookStorm(Seed: 3, Delay: 1, MaxDelay: TimeSpan.FromSeconds(10)));

        var trackingId = await ekart.CreateShipmentAsync();
        ekart.Simulator.Advance(trackingId, EkartStatuses.PickupComplete);
        await ekart.Simulator.FlushWebhooksAsync();
        var beforeTheClockMoves = receiver.Received.Count;
        ekart.Clock.Advance(TimeSpan.FromSeconds(10));
        await ekart.Simulator.FlushWebhooksAsync();

        Assert.Equal(0, beforeTheClockMoves);
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(ekart.Simulator.WebhookDeliveries(), d => Assert.Equal(EkartWebhookFault.Delay, d.Fault));
    }

    [Fact]
    public async Task Receivers_error_status_is_recorded()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith = 503;
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);

        await ekart.CreateShipmentAsync();
        await ekart.Simulator.FlushWebhooksAsync();

        Assert.Equal(503, Assert.Single(ekart.Simulator.WebhookDeliveries()).ResponseStatus);
    }

    [Fact]
    public async Task Unreachable_receiver_is_recorded_with_no_status_and_an_error()
    {
        await using var ekart = await EkartFixture.StartAsync();
        string url;
        await using (var gone = await WebhookReceiver.StartAsync()) url = gone.Url; // nothing listens there any more
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, url, "whsec-abc");

        await ekart.CreateShipmentAsync();
        await ekart.Simulator.FlushWebhooksAsync();

        var delivery = Assert.Single(ekart.Simulator.WebhookDeliveries());
        Assert.Null(delivery.ResponseStatus);
        Assert.NotNull(delivery.Error);
    }

    [Fact]
    public async Task Scheduled_courier_pushes_every_step_without_anyone_reading()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);
        ekart.Simulator.SetCourier(EkartFixture.Merchant, EkartCourierSchedule.Quick);
        await ekart.CreateShipmentAsync();

        ekart.Clock.Advance(TimeSpan.FromMinutes(1));
        await ekart.Simulator.FlushWebhooksAsync();

        Assert.Equal(
            [EkartStatuses.ShipmentCreated, EkartStatuses.PickupScheduled, EkartStatuses.OutForPickup, EkartStatuses.PickupComplete,
             EkartStatuses.InTransit, EkartStatuses.OutForDelivery, EkartStatuses.Delivered],
            Statuses(receiver));
    }

    private static List<string> Statuses(WebhookReceiver receiver) =>
        receiver.Received.Select(r => JsonNode.Parse(r.Body)!["status"]!.GetValue<string>()).ToList();

    private static async Task<List<(string TrackingId, string Status, EkartWebhookFault Fault)>> StormRunAsync(int seed)
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        ekart.Simulator.RegisterWebhook(EkartFixture.Merchant, receiver.Url, receiver.Secret);
        ekart.Simulator.SetWebhookStorm(EkartFixture.Merchant,
            new EkartWebhookStorm(seed, WrongSecret: 0.15, Unsigned: 0.1, Duplicate: 0.15, Reorder: 0.15, Stale: 0.1));
        for (var serial = 1; serial <= 3; serial++)
        {
            var trackingId = await ekart.CreateShipmentAsync(serial);
            foreach (var step in new[] { EkartStatuses.PickupComplete, EkartStatuses.InTransit, EkartStatuses.OutForDelivery, EkartStatuses.Delivered })
                ekart.Simulator.Advance(trackingId, step);
        }
        await ekart.Simulator.FlushWebhooksAsync();
        Assert.Equal(ekart.Simulator.WebhookDeliveries().Count, receiver.Received.Count);
        return ekart.Simulator.WebhookDeliveries().Select(d => (d.TrackingId, d.Status, d.Fault)).ToList();
    }
}
