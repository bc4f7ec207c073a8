using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Sandbox.Ekart;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>Cancellation end to end, for both carriers: Azurite, the simulators and the function app under the local host.</summary>
public class CancellationEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ekart_cancelled_before_pickup_is_cancelled_and_after_pickup_returns_to_origin_through_to_returned()
    {
        await using var scenario = await EkartScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        var waiting = await scenario.TrackingIdAsync("india");
        var pickedUp = await scenario.TrackingIdAsync("india-2");
        scenario.Ekart.Advance(pickedUp, EkartStatuses.PickupComplete);
        await scenario.SettleAsync();
        Assert.Equal("WrittenBack", await scenario.StateAsync("india-2"));

        using var before = await scenario.CancelAsync("india");
        using var after = await scenario.CancelAsync("india-2");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(("Cancelled", "Cancelled"), Outcome(await before.Content.ReadFromJsonAsync<JsonNode>()));
        Assert.Equal(EkartStatuses.Cancelled, scenario.Ekart.Shipment(waiting)!.Status);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(("Returning", "Returning"), Outcome(await after.Content.ReadFromJsonAsync<JsonNode>()));
        Assert.StartsWith(EkartStatuses.RtoCreatedPrefix, scenario.Ekart.Shipment(pickedUp)!.Status);

        scenario.Ekart.Advance(pickedUp, EkartStatuses.RtoInTransit);
        scenario.Ekart.Advance(pickedUp, EkartStatuses.RtoCompleted);
        await scenario.SettleAsync();

        Assert.Equal("Cancelled", await scenario.StateAsync("india"));
        Assert.Equal("Returned", await scenario.StateAsync("india-2"));
        var timeline = await scenario.TimelineAsync("india-2");
        var entries = timeline["timeline"]!.AsArray();
        Assert.Equal(["WrittenBack", "Returning", "Returned"], entries.Where(e => e!["kind"]!.GetValue<string>() == "State").Select(e => e!["to"]!.GetValue<string>()).TakeLast(3));
        Assert.Contains(entries, e => e!["note"]?.GetValue<string>().Contains("Cancelled by an operator (the customer changed their mind)", StringComparison.Ordinal) == true);
        Assert.Equal(("RtoDelivered", "Closed"), (timeline["shipment"]!["trackingState"]!.GetValue<string>(), timeline["shipment"]!["state"]!.GetValue<string>()));

        // Asking again changes nothing and says so.
        using var again = await scenario.CancelAsync("india");
        Assert.Equal(("AlreadyCancelled", "Cancelled"), Outcome(await again.Content.ReadFromJsonAsync<JsonNode>()));
    }

    [Fact]
    public async Task Click_and_drop_is_deleted_before_despatch_and_refused_after_with_the_reason()
    {
        await using var scenario = await EkartScenario.StartAsync(output, registerWebhook: false);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        var before = long.Parse((await scenario.OrdersByIdAsync())[scenario.Orders["uk"]].CarrierShipmentId!);

        using var cancelled = await scenario.CancelAsync("uk");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.True(scenario.ClickAndDrop.Order(before)!.Deleted);
        Assert.Equal("Cancelled", await scenario.StateAsync("uk"));

        scenario.ClickAndDrop.DespatchAll(EkartScenario.ClickAndDropAccount);
        await scenario.RunAsync("SyncCarrierStatus");
        Assert.Equal("WrittenBack", await scenario.StateAsync("uk-2"));
        Assert.Equal("Cancelled", await scenario.StateAsync("uk")); // a deleted order is never despatched

        using var refused = await scenario.CancelAsync("uk-2");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Contains("was despatched on", problem!["title"]!.GetValue<string>());
        Assert.Equal("WrittenBack", await scenario.StateAsync("uk-2"));
        var timeline = await scenario.TimelineAsync("uk-2");
        Assert.Contains(timeline["timeline"]!.AsArray(), e => e!["note"]?.GetValue<string>().Contains("it cannot be cancelled", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_order_cancelled_on_its_channel_is_cancelled_at_its_carrier_on_the_next_poll()
    {
        await using var scenario = await EkartScenario.StartAsync(output, registerWebhook: false);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        var trackingId = await scenario.TrackingIdAsync("india");

        scenario.BigCommerce.SetOrderStatus(EkartScenario.StoreHash, scenario.Orders["india"], 5);
        await scenario.RunAsync("PollChannels");

        Assert.Equal("Cancelled", await scenario.StateAsync("india"));
        Assert.Equal(EkartStatuses.Cancelled, scenario.Ekart.Shipment(trackingId)!.Status);
        var timeline = await scenario.TimelineAsync("india");
        Assert.Contains(timeline["timeline"]!.AsArray(), e => e!["to"]?.GetValue<string>() == "Cancelled"
            && e["note"]!.GetValue<string>().StartsWith("Cancelled on BigCommerce", StringComparison.Ordinal));
        Assert.Equal("ShipmentCreated", await scenario.StateAsync("india-2"));
    }

    [Fact]
    public async Task A_channel_webhook_hint_about_a_cancelled_order_cancels_it_and_an_order_not_yet_sent_is_simply_cancelled()
    {
        await using var scenario = await EkartScenario.StartAsync(output, registerWebhook: false);
        await scenario.RunAsync("PollChannels");
        Assert.Equal("Normalised", await scenario.StateAsync("india"));

        scenario.BigCommerce.SetOrderStatus(EkartScenario.StoreHash, scenario.Orders["india"], 5);
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        await SendAsync(scenario, StorageNames.Queues.OrderImport, new ImportOrderMessage(EkartScenario.ConnectionId, scenario.Id("india")));
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("Cancelled", await scenario.StateAsync("india"));
        await scenario.RunAsync("CreateShipments");
        Assert.Equal("Cancelled", await scenario.StateAsync("india"));
        Assert.Single(scenario.Ekart.Shipments(EkartScenario.MerchantCode)); // only india-2 went to Ekart
    }

    private static (string Outcome, string State) Outcome(JsonNode? answer) =>
        (answer!["outcome"]!.GetValue<string>(), answer["state"]!.GetValue<string>());

    private static async Task SendAsync(EkartScenario scenario, string queue, object message)
    {
        var client = new Azure.Storage.Queues.QueueClient(scenario.Stack.Azurite.ConnectionString, queue,
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(message, Demo.DevStack.Json));
    }
}
