using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Ekart;

namespace Sandbox.Tests.Ekart;

/// <summary>The /_sandbox/ekart controls a chaos run in another process drives the simulator with.</summary>
public sealed class EkartControlTests
{
    [Fact]
    public async Task Merchant_added_over_http_can_get_a_token()
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var added = await ekart.Http.PostAsJsonAsync("_sandbox/ekart/merchants", new { merchantCode = "QWE", token = "qwe-token", locationCodes = new[] { "QWE_1" } });
        using var token = await ekart.RequestTokenAsync("QWE", "Basic qwe-token");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(["QWE_1"], (await EkartFixture.ReadJsonAsync(added))!["locationCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Shipment_is_read_and_advanced_over_http_in_camel_case()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();

        using var advanced = await ekart.Http.PostAsJsonAsync($"_sandbox/ekart/shipments/{trackingId}/advance", new { status = "pickup_complete" });
        var shipment = await ekart.Http.GetFromJsonAsync<JsonObject>($"_sandbox/ekart/shipments/{trackingId}");

        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        Assert.Equal("pickup_complete", shipment!["status"]!.GetValue<string>());
        Assert.Equal(2, shipment["history"]!.AsArray().Count);
        Assert.Equal(trackingId, shipment["request"]!["shipment"]!["tracking_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Control_errors_say_what_is_wrong()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();
        ekart.Simulator.Advance(trackingId, EkartStatuses.Delivered);

        using var unknown = await ekart.Http.GetAsync("_sandbox/ekart/shipments/ABCP9999999999");
        using var badStatus = await ekart.Http.PostAsJsonAsync($"_sandbox/ekart/shipments/{trackingId}/advance", new { status = "teleported" });
        using var finished = await ekart.Http.PostAsJsonAsync($"_sandbox/ekart/shipments/{trackingId}/advance", new { status = "in_transit" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, finished.StatusCode);
    }

    [Fact]
    public async Task Faults_set_over_http_apply_to_the_api()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await ekart.BearerAsync();

        using var set = await ekart.Http.PostAsJsonAsync("_sandbox/ekart/faults", new { rateLimitNext = 1, rateLimitOnly = "track", rateLimitStyle = "documentedForbidden" });
        var (limited, body) = await ekart.TrackAsync("ABCP0000000001");
        using var cleared = await ekart.Http.DeleteAsync("_sandbox/ekart/faults");

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, limited);
        Assert.Equal("Rate limit exceeded", body!["forbidden"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
    }

    [Fact]
    public async Task Tokens_expired_over_http_answer_the_expiry_body()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await ekart.BearerAsync();

        using var expired = await ekart.Http.PostAsJsonAsync("_sandbox/ekart/tokens", new { expireAll = true });
        var (status, body) = await ekart.TrackAsync("ABCP0000000001");

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("The token has expired. Please request a new token", body!["unauthorised"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_registered_with_queued_faults_over_http_lists_its_deliveries()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();

        using var registered = await ekart.Http.PostAsJsonAsync("_sandbox/ekart/webhooks",
            new { merchantCode = EkartFixture.Merchant, url = receiver.Url, secret = receiver.Secret });
        using var queued = await ekart.Http.PostAsJsonAsync($"_sandbox/ekart/webhooks/{EkartFixture.Merchant}/faults", new { faults = new[] { "duplicate" } });
        await ekart.CreateShipmentAsync();
        using var flushed = await ekart.Http.PostAsync("_sandbox/ekart/webhooks/flush", null);
        var deliveries = await ekart.Http.GetFromJsonAsync<JsonArray>("_sandbox/ekart/webhooks/deliveries");

        Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, queued.StatusCode);
        Assert.Equal(["none", "duplicate"], deliveries!.Select(d => d!["fault"]!.GetValue<string>()));
        Assert.All(deliveries!, d => Assert.Equal(200, d!["responseStatus"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Courier_preset_set_over_http_moves_shipments_on()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();

        using var set = await ekart.Http.PutAsJsonAsync($"_sandbox/ekart/merchants/{EkartFixture.Merchant}/courier", new { stepSeconds = 60 });
        ekart.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(EkartStatuses.OutForPickup, ekart.Simulator.Shipment(trackingId)!.Status);
    }
}
