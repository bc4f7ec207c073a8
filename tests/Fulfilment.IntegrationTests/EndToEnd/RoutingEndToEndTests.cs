using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>Carrier routing end to end: Azurite, the simulators and the function app under the local Functions host.</summary>
public class RoutingEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Routing_sends_an_indian_order_to_ekart_a_uk_order_to_click_and_drop_and_parks_one_neither_matches()
    {
        await using var scenario = await EkartScenario.StartAsync(output);

        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");

        var orders = await scenario.OrdersByIdAsync();
        var india = orders[scenario.Orders["india"]];
        Assert.Equal("ShipmentCreated", india.State);
        Assert.Matches($"^{EkartScenario.MerchantCode}P[0-9]{{10}}$", india.CarrierShipmentId);
        var shipment = scenario.Ekart.Shipment(india.CarrierShipmentId!)!;
        Assert.Equal((EkartScenario.LocationCode, "560001", false), (shipment.Source.LocationCode, shipment.Destination.Pincode, shipment.IsCod));

        var uk = orders[scenario.Orders["uk"]];
        Assert.Equal("ShipmentCreated", uk.State);
        Assert.Contains(scenario.ClickAndDrop.Orders(EkartScenario.ClickAndDropAccount), o => o.OrderIdentifier.ToString() == uk.CarrierShipmentId);
        Assert.DoesNotContain(scenario.Ekart.Shipments(EkartScenario.MerchantCode), s => s.TrackingId == uk.CarrierShipmentId);

        var unrouted = orders[scenario.Orders["unrouted"]];
        Assert.Equal("NeedsAttention", unrouted.State);
        Assert.Contains("No routing rule of Demo Goods Ltd matches the order (destination FR", unrouted.Reason);

        // The history says which rule chose the carrier.
        var timeline = await scenario.TimelineAsync("india");
        Assert.Contains(timeline["timeline"]!.AsArray(), e => e!["to"]?.GetValue<string>() == "Normalised"
            && e["note"]!.GetValue<string>().Contains("by routing rule 1 'India' of Demo Goods Ltd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Routing_rules_are_kept_listed_and_deleted_through_the_management_api_and_bad_ones_are_refused()
    {
        await using var scenario = await EkartScenario.StartAsync(output, registerWebhook: false);
        var admin = scenario.Stack.Admin;

        using var bad = await admin.PutAsJsonAsync("manage/routing-rules", new
        {
            tradingName = "Other Shop",
            rules = new object[] { new { when = new { destinationCountries = new[] { "India" } }, use = new { carrier = "Ekart", carrierAccountId = "rm-demo", serviceCode = "REGULAR", packageFormat = "SMALL" } } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.Contains("destination country 'INDIA'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("belongs to ClickAndDrop, not Ekart", StringComparison.Ordinal));

        var listed = JsonNode.Parse(await admin.GetStringAsync("manage/routing-rules"))!.AsArray();
        Assert.Equal([EkartScenario.TradingName], listed.Select(r => r!["tradingName"]!.GetValue<string>()));
        var one = JsonNode.Parse(await admin.GetStringAsync("manage/routing-rules?tradingName=demo%20goods%20ltd"))!;
        Assert.Equal("ekart-in", one["rules"]![0]!["use"]!["carrierAccountId"]!.GetValue<string>());

        using var deleted = await admin.DeleteAsync("manage/routing-rules?tradingName=Demo%20Goods%20Ltd");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await admin.GetAsync("manage/routing-rules?tradingName=Demo%20Goods%20Ltd");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        // Without rules the Indian order falls back to the mappings, which have none for "Standard".
        await scenario.RunAsync("PollChannels");
        var india = (await scenario.OrdersByIdAsync())[scenario.Orders["india"]];
        Assert.Equal("NeedsAttention", india.State);
        Assert.Contains("No shipping mapping for shipping method 'Standard'", india.Reason);
    }

    [Fact]
    public async Task An_ekart_account_is_validated_by_its_carrier_and_its_secrets_are_never_returned()
    {
        await using var scenario = await EkartScenario.StartAsync(output, registerWebhook: false);
        var admin = scenario.Stack.Admin;

        using var incomplete = await admin.PutAsJsonAsync("manage/carrier-accounts/ekart-2", new
        {
            carrier = "Ekart",
            settings = new { merchantCode = "ab", pickupCity = "Pune" },
            credentials = new { token = "t0ken-value" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var text = await incomplete.Content.ReadAsStringAsync();
        Assert.Contains("merchantCode must be 3 upper-case letters or digits", text);
        Assert.DoesNotContain("t0ken-value", text);

        using var noAddress = await admin.PutAsJsonAsync("manage/carrier-accounts/ekart-2", new
        {
            carrier = "Ekart",
            settings = new { merchantCode = "FFR" },
            credentials = new { token = "t0ken-value" },
        });
        Assert.Contains("give locationCode, or a whole pickup address", await noAddress.Content.ReadAsStringAsync());

        using var created = await admin.PutAsJsonAsync("manage/carrier-accounts/ekart-2", new
        {
            carrier = "Ekart",
            settings = new
            {
                merchantCode = "FFR", pickupName = "Demo Goods Pune", pickupAddressLine1 = "5 FC Road", pickupCity = "Pune", pickupState = "Maharashtra",
                pickupPincode = "411004", pickupPhone = "+91 98220 12345",
            },
            credentials = new { token = "t0ken-value" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("t0ken-value", await created.Content.ReadAsStringAsync());
        using var removed = await admin.DeleteAsync("manage/carrier-accounts/ekart-2");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        var account = await admin.GetStringAsync($"manage/carrier-accounts/{EkartScenario.EkartAccountId}");
        Assert.DoesNotContain(EkartScenario.EkartToken, account);
        Assert.DoesNotContain(EkartScenario.WebhookSecret, account);
        Assert.Equal(["token", "webhookSecret"], JsonNode.Parse(account)!["credentialsStored"]!.AsArray().Select(c => c!.GetValue<string>()));
        var all = await admin.GetStringAsync("manage/carrier-accounts");
        Assert.Contains("\"carrier\":\"Ekart\"", all);
        Assert.Contains("\"carrier\":\"ClickAndDrop\"", all);
    }
}
