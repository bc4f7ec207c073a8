using System.Text.Json.Nodes;
using Sandbox.Ekm;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>EKM orders through the whole pipeline: paid ones to the carrier, webhooks as hints, despatch written back once.</summary>
public class EkmPipelineEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Paid_orders_reach_the_carrier_unpaid_ones_are_skipped_and_despatch_writes_tracking_then_status_once()
    {
        await using var scenario = await EkmScenario.StartAsync(output);
        var paid = scenario.Ekm.AddOrder(EkmScenario.Shop, EkmScenario.PaidOrder(quantity: 2), fireWebhook: false);
        var failed = scenario.Ekm.AddOrder(EkmScenario.Shop, EkmScenario.PaidOrder() with { PaymentStatus = "FAILED" }, fireWebhook: false);
        var unknown = scenario.Ekm.AddOrder(EkmScenario.Shop, EkmScenario.PaidOrder() with { PaymentStatus = "UNKNOWN" }, fireWebhook: false);
        var pending = scenario.Ekm.AddOrder(EkmScenario.Shop, EkmScenario.PaidOrder() with { Status = "PENDING" }, fireWebhook: false);

        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");

        var orders = await scenario.OrdersByIdAsync();
        Assert.Equal([paid.Id], orders.Keys);
        Assert.DoesNotContain(failed.Id, orders.Keys);
        Assert.DoesNotContain(unknown.Id, orders.Keys);
        Assert.DoesNotContain(pending.Id, orders.Keys);
        var created = Assert.Single(scenario.ClickAndDrop.Orders(EkmScenario.Account));
        Assert.Equal(scenario.ReferenceOf(paid.Id), created.OrderReference);
        Assert.Equal(700, created.WeightInGrams); // 2 × 350 g from our catalogue

        scenario.ClickAndDrop.DespatchAll(EkmScenario.Account);
        await scenario.RunAsync("SyncCarrierStatus");
        await scenario.RunAsync("RetryWriteBacks");
        await scenario.RunAsync("SyncCarrierStatus");

        Assert.Equal("WrittenBack", (await scenario.OrdersByIdAsync())[paid.Id].State);
        var writes = scenario.Ekm.GetWriteBacks(EkmScenario.Shop, paid.Id);
        Assert.Equal([EkmWriteBackKind.DeliveryTracking, EkmWriteBackKind.Status], writes.Select(w => w.Kind));
        Assert.Equal(scenario.ClickAndDrop.Order(created.OrderIdentifier)!.TrackingNumber, writes[0].TrackingNumber);
        Assert.Equal("Royal Mail", writes[0].TrackingCompany);
        Assert.Equal("DISPATCHED", writes[1].Status);
    }

    [Fact]
    public async Task Duplicated_order_webhooks_give_one_order_and_one_carrier_order_without_a_poll()
    {
        await using var scenario = await EkmScenario.StartAsync(output);
        scenario.Ekm.Options = scenario.Ekm.Options with { Webhooks = scenario.Ekm.Options.Webhooks with { Duplicates = 3 } };

        var order = scenario.Ekm.AddOrder(EkmScenario.Shop, EkmScenario.PaidOrder());
        scenario.Ekm.FireWebhook(EkmScenario.Shop, EkmTopics.OrderUpdated, order.Id);
        await scenario.Ekm.WhenWebhooksIdleAsync();
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));
        await scenario.RunAsync("CreateShipments");

        Assert.True(scenario.Ekm.GetWebhookAttempts().Count(a => a.EntityId == order.Id) >= 8);
        Assert.All(scenario.Ekm.GetWebhookAttempts(), a => Assert.Equal(200, a.StatusCode));
        Assert.Equal([order.Id], (await scenario.OrdersByIdAsync()).Keys);
        Assert.Single(scenario.ClickAndDrop.Orders(EkmScenario.Account), o => o.OrderReference == scenario.ReferenceOf(order.Id));
    }

    [Fact]
    public async Task A_webhook_for_an_unpaid_order_imports_nothing_until_it_is_paid()
    {
        await using var scenario = await EkmScenario.StartAsync(output);
        var order = scenario.Ekm.AddOrder(EkmScenario.Shop, EkmScenario.PaidOrder() with { PaymentStatus = "UNKNOWN" });
        await scenario.Ekm.WhenWebhooksIdleAsync();
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(await scenario.OrdersByIdAsync());

        scenario.Ekm.UpdateOrder(EkmScenario.Shop, order.Id, new EkmOrderChange { PaymentStatus = "SUCCESS", TransactionId = "txn-123" });
        await scenario.Ekm.WhenWebhooksIdleAsync();
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([order.Id], (await scenario.OrdersByIdAsync()).Keys);
    }

    [Fact]
    public async Task A_sku_missing_from_the_catalogue_takes_the_ekm_weight_as_unconfirmed_and_the_order_needs_attention()
    {
        await using var scenario = await EkmScenario.StartAsync(output);
        scenario.Ekm.AddProduct(EkmScenario.Shop, new EkmProductSeed { ProductCode = "SOCKS-RED", Name = "Red socks", ProductWeight = 0.15 });
        var order = scenario.Ekm.AddOrder(EkmScenario.Shop, EkmScenario.PaidOrder("SOCKS-RED"), fireWebhook: false);

        await scenario.RunAsync("PollChannels");

        var imported = (await scenario.OrdersByIdAsync())[order.Id];
        Assert.Equal("NeedsAttention", imported.State);
        Assert.Contains("unconfirmed weight of 150 g", imported.Reason, StringComparison.Ordinal);
        var product = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("manage/products"))!.AsArray()
            .Single(p => p!["sku"]!.GetValue<string>() == "SOCKS-RED")!;
        Assert.Equal(150, product["weightGrams"]!.GetValue<int>());
        Assert.False(product["weightConfirmed"]!.GetValue<bool>());
    }
}
