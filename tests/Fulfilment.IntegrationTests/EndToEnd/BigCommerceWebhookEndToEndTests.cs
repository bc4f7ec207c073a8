using Sandbox.BigCommerce;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>BigCommerce's order webhooks through the function app under the local host: orders arrive with no poll running.</summary>
public class BigCommerceWebhookEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_order_placed_after_install_is_imported_by_its_webhook_without_any_poll()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, bigCommerceWebhooks: true);
        scenario.BigCommerce.Webhooks = scenario.BigCommerce.Webhooks with { Duplicates = 1 };
        Assert.Equal(2, scenario.BigCommerce.GetHooks(PipelineScenario.StoreHash).Count(h => h.IsActive));

        var product = new BigCommerceProductSeed { Sku = "MUG-BLUE", Quantity = 1, Weight = 1 };
        var placed = scenario.BigCommerce.AddOrder(PipelineScenario.StoreHash, new BigCommerceOrderSeed { StatusId = 9, Products = [product] }).Id;
        // Not eligible when created (Awaiting Fulfillment); its move to Awaiting Shipment is the hint that brings it.
        var moved = scenario.BigCommerce.AddOrder(PipelineScenario.StoreHash, new BigCommerceOrderSeed { StatusId = 11, Products = [product] }).Id;
        scenario.BigCommerce.SetOrderStatus(PipelineScenario.StoreHash, moved, 9);
        await scenario.BigCommerce.WhenWebhooksIdleAsync();
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        var orders = await scenario.OrdersByIdAsync();
        Assert.Equal([placed, moved], orders.Keys.Order().ToArray()); // only these two: no poll brought the seeded ones
        var attempts = scenario.BigCommerce.GetWebhookAttempts();
        Assert.All(attempts, a => Assert.Equal(200, a.StatusCode));
        Assert.Equal(6, attempts.Count); // created ×2 (each with its duplicate) and one statusUpdated (and its duplicate)
    }

    [Fact]
    public async Task A_created_hint_for_an_order_a_poll_recorded_already_changes_nothing_and_ships_it_once()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, bigCommerceWebhooks: true);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        var before = await scenario.OrdersByIdAsync();
        var carrierOrders = scenario.ClickAndDrop.Orders(PipelineScenario.Account).Count;
        var uk = scenario.Orders["uk"];
        Assert.Equal("ShipmentCreated", before[uk].State);

        // Created hints are not looked for in storage first: recording finds the order and leaves it be.
        scenario.BigCommerce.ClearWebhookAttempts();
        scenario.BigCommerce.FireWebhook(PipelineScenario.StoreHash, BigCommerceScopes.OrderCreated, uk);
        await scenario.BigCommerce.WhenWebhooksIdleAsync();
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));
        await scenario.RunAsync("CreateShipments");

        Assert.Equal(200, Assert.Single(scenario.BigCommerce.GetWebhookAttempts()).StatusCode);
        var after = await scenario.OrdersByIdAsync();
        Assert.Equal(before.ToDictionary(o => o.Key, o => o.Value.State), after.ToDictionary(o => o.Key, o => o.Value.State));
        Assert.Equal(carrierOrders, scenario.ClickAndDrop.Orders(PipelineScenario.Account).Count);
    }
}
