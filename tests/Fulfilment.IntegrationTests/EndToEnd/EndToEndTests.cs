using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Sandbox.ClickAndDrop;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>The pipeline end to end: Azurite, the simulators and the function app under the local Functions host.</summary>
public class EndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Eligible_orders_become_one_click_and_drop_order_each_and_tracking_is_written_back()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);

        await scenario.RunAsync("PollChannels");
        var orders = await scenario.OrdersByIdAsync();
        Assert.Equal(7, orders.Count); // pending, completed and too-old orders are never imported
        Assert.DoesNotContain(scenario.Orders["pending"], orders.Keys);
        Assert.DoesNotContain(scenario.Orders["too-old"], orders.Keys);
        Assert.Equal("Skipped", orders[scenario.Orders["digital"]].State);
        Assert.Contains("digital", orders[scenario.Orders["digital"]].Reason);
        Assert.Equal("NeedsAttention", orders[scenario.Orders["unmapped"]].State);
        Assert.Contains("Same Day Courier", orders[scenario.Orders["unmapped"]].Reason);
        Assert.Equal("NeedsAttention", orders[scenario.Orders["unknown-sku"]].State);
        Assert.Contains("SOCKS-RED-NEW", orders[scenario.Orders["unknown-sku"]].Reason);

        await scenario.RunAsync("CreateShipments");
        var created = scenario.ClickAndDrop.Orders(PipelineScenario.Account);
        Assert.Equal(scenario.Eligible.Select(scenario.ReferenceOf).Order(), created.Select(o => o.OrderReference!).Order());
        Assert.Equal(1, scenario.ClickAndDrop.CreateRequestCount(PipelineScenario.Account)); // one batch, not one call per order
        var uk = created.Single(o => o.OrderReference == scenario.ReferenceOf(scenario.Orders["uk"]));
        Assert.Equal(700, uk.WeightInGrams); // 2 × 350 g from our catalogue, not the channel's weight
        var mixed = created.Single(o => o.OrderReference == scenario.ReferenceOf(scenario.Orders["mixed"]));
        Assert.Equal(["NOTEBOOK-A5"], mixed.Contents.Select(c => c["SKU"]!.GetValue<string>()));
        var germany = created.Single(o => o.OrderReference == scenario.ReferenceOf(scenario.Orders["germany"]));
        Assert.Equal("3406000000", germany.Contents.Single()["customsCode"]!.GetValue<string>());

        scenario.ClickAndDrop.DespatchAll(PipelineScenario.Account);
        await scenario.RunAsync("SyncCarrierStatus");

        orders = await scenario.OrdersByIdAsync();
        foreach (var id in scenario.Eligible)
        {
            Assert.Equal("WrittenBack", orders[id].State);
            var shipment = Assert.Single(scenario.BigCommerce.GetShipments(PipelineScenario.StoreHash, id));
            var carrierOrder = created.Single(o => o.OrderReference == scenario.ReferenceOf(id));
            Assert.Equal(scenario.ClickAndDrop.Order(carrierOrder.OrderIdentifier)!.TrackingNumber, shipment.TrackingNumber);
            Assert.Equal("royalmail", shipment.ShippingProvider);
        }
        Assert.Single(scenario.BigCommerce.GetShipments(PipelineScenario.StoreHash, scenario.Orders["mixed"])[0].Items);
    }

    [Fact]
    public async Task A_batch_that_is_not_full_waits_for_more_orders_until_its_oldest_has_waited_long_enough()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?>
        {
            ["Pipeline__CreateBatchMaxWaitSeconds"] = "4",
        });
        await scenario.RunAsync("PollChannels");
        var enqueued = DateTimeOffset.UtcNow;

        // Four eligible orders, a batch holds 100: the drain leaves them to gather more.
        await scenario.RunAsync("CreateShipments");
        Assert.Equal(0, scenario.ClickAndDrop.CreateRequestCount(PipelineScenario.Account));

        var waited = enqueued.AddSeconds(4.5) - DateTimeOffset.UtcNow;
        if (waited > TimeSpan.Zero)
            await Task.Delay(waited);
        await scenario.RunAsync("CreateShipments");
        Assert.Equal(1, scenario.ClickAndDrop.CreateRequestCount(PipelineScenario.Account));
        Assert.Equal(scenario.Eligible.Select(scenario.ReferenceOf).Order(),
            scenario.ClickAndDrop.Orders(PipelineScenario.Account).Select(o => o.OrderReference!).Order());
    }

    [Fact]
    public async Task A_full_batch_goes_at_once_and_the_rest_waits()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?>
        {
            ["Pipeline__CreateBatchMaxWaitSeconds"] = "3600",
            ["ClickAndDrop__MaxOrdersPerRequest"] = "3",
        });
        await scenario.RunAsync("PollChannels");

        // Four eligible orders in batches of three: the oldest three go, the fourth waits for two more.
        await scenario.RunAsync("CreateShipments");

        Assert.Equal(1, scenario.ClickAndDrop.CreateRequestCount(PipelineScenario.Account));
        Assert.Equal(3, scenario.ClickAndDrop.Orders(PipelineScenario.Account).Count);
        var orders = await scenario.OrdersByIdAsync();
        Assert.Single(scenario.Eligible, id => orders[id].State == "Normalised");
    }

    [Fact]
    public async Task Batches_in_flight_at_once_send_each_order_once()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?>
        {
            ["ClickAndDrop__MaxOrdersPerRequest"] = "1",
            ["Pipeline__ParallelCreateBatches"] = "3",
        });
        await scenario.RunAsync("PollChannels");

        await scenario.RunAsync("CreateShipments");
        await scenario.RunAsync("CreateShipments");

        // Four orders, batches of one, three in flight: four creates, one carrier order per order, each recorded.
        Assert.Equal(4, scenario.ClickAndDrop.CreateRequestCount(PipelineScenario.Account));
        Assert.Equal(scenario.Eligible.Select(scenario.ReferenceOf).Order(),
            scenario.ClickAndDrop.Orders(PipelineScenario.Account).Select(o => o.OrderReference!).Order());
        var orders = await scenario.OrdersByIdAsync();
        Assert.All(scenario.Eligible, id => Assert.Equal("ShipmentCreated", orders[id].State));
    }

    [Fact]
    public async Task Between_full_look_ups_the_carrier_sync_looks_up_only_shipments_made_since_once_each()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?>
        {
            ["Pipeline__CarrierFullSyncSeconds"] = "3600",
        });
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        await scenario.RunAsync("SyncCarrierStatus"); // the first run looks every open shipment up: none despatched yet
        var firstFour = scenario.ClickAndDrop.Orders(PipelineScenario.Account).Select(o => o.OrderIdentifier).ToHashSet();
        Assert.Equal(4, firstFour.Count);

        var now = scenario.BigCommerce.Time.GetUtcNow();
        var late = scenario.BigCommerce.AddOrder(PipelineScenario.StoreHash, new Sandbox.BigCommerce.BigCommerceOrderSeed
        {
            StatusId = 9, CreatedAt = now, ModifiedAt = now,
            Products = [new Sandbox.BigCommerce.BigCommerceProductSeed { Sku = "MUG-BLUE", Quantity = 1, Type = "physical", Weight = 1 }],
        }).Id;
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        scenario.ClickAndDrop.DespatchAll(PipelineScenario.Account);
        var logged = scenario.ClickAndDrop.RequestLog(PipelineScenario.Account).Count;

        await scenario.RunAsync("SyncCarrierStatus");
        await scenario.RunAsync("SyncCarrierStatus");

        // One lookup, of the new shipment only; the four looked up already wait for the next full look-up.
        var lookups = scenario.ClickAndDrop.RequestLog(PipelineScenario.Account).Skip(logged)
            .Where(r => r.Method == "GET" && !r.RawTarget.Contains("/label", StringComparison.Ordinal)).ToList();
        var lateCarrierOrder = scenario.ClickAndDrop.Orders(PipelineScenario.Account).Single(o => !firstFour.Contains(o.OrderIdentifier));
        Assert.Equal([$"/orders/{lateCarrierOrder.OrderIdentifier}"], lookups.Select(r => r.RawTarget[r.RawTarget.IndexOf("/orders", StringComparison.Ordinal)..].Split('?')[0]));
        var orders = await scenario.OrdersByIdAsync();
        Assert.Equal("WrittenBack", orders[late].State);
        Assert.All(scenario.Eligible, id => Assert.Equal("ShipmentCreated", orders[id].State));
    }

    [Fact]
    public async Task Redelivered_messages_and_repeated_polls_create_one_carrier_order_per_channel_order()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("PollChannels");

        // The same normalise message delivered twice more, after the order was already normalised.
        var uk = scenario.Orders["uk"].ToString();
        await scenario.SendAsync(StorageNames.Queues.OrderNormalise, new NormaliseOrderMessage(PipelineScenario.ConnectionId, uk));
        await scenario.SendAsync(StorageNames.Queues.OrderNormalise, new NormaliseOrderMessage(PipelineScenario.ConnectionId, uk));
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        await scenario.RunAsync("CreateShipments");
        await scenario.RunAsync("CreateShipments");

        var created = scenario.ClickAndDrop.Orders(PipelineScenario.Account);
        Assert.Equal(4, created.Count);
        Assert.Equal(4, created.Select(o => o.OrderReference).Distinct().Count());
    }

    [Fact]
    public async Task Carrier_accepting_the_batch_then_failing_still_gives_one_carrier_order_each()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?> { ["Pipeline__CarrierSettleSeconds"] = "3" });
        await scenario.RunAsync("PollChannels");

        // Click & Drop creates the orders, then answers 500: we cannot know they exist.
        scenario.ClickAndDrop.CreateThenFail(PipelineScenario.Account, CreateThenFailMode.ServerError);
        await scenario.RunAsync("CreateShipments");
        Assert.Equal(4, scenario.ClickAndDrop.Orders(PipelineScenario.Account).Count);
        var orders = await scenario.OrdersByIdAsync();
        Assert.All(scenario.Eligible, id => Assert.Equal("ShipmentRequested", orders[id].State));

        // Before the settle delay a create could still be in flight: nothing is looked up or sent.
        await scenario.RunAsync("CreateShipments");
        Assert.All(scenario.Eligible, id => Assert.Equal("ShipmentRequested", orders[id].State));
        Assert.Equal(1, scenario.ClickAndDrop.CreateRequestCount(PipelineScenario.Account));

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await scenario.RunAsync("CreateShipments");

        orders = await scenario.OrdersByIdAsync();
        Assert.All(scenario.Eligible, id => Assert.Equal("ShipmentCreated", orders[id].State));
        Assert.Equal(4, scenario.ClickAndDrop.Orders(PipelineScenario.Account).Count);
        Assert.Equal(1, scenario.ClickAndDrop.CreateRequestCount(PipelineScenario.Account));
    }

    [Fact]
    public async Task Worker_killed_after_the_carrier_accepted_the_batch_still_gives_one_carrier_order_each()
    {
        // A short drain lease, so the lease the killed worker held expires quickly (production: longer than any carrier call).
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?>
        {
            ["Pipeline__DrainLeaseSeconds"] = "5",
            ["Pipeline__CarrierSettleSeconds"] = "5",
        });
        await scenario.RunAsync("PollChannels");

        // The carrier creates the orders and then stalls; we kill the worker while it waits for the answer.
        scenario.ClickAndDrop.CreateThenFail(PipelineScenario.Account, CreateThenFailMode.Stall, TimeSpan.FromSeconds(30));
        var run = scenario.Stack.Host.TriggerTimerAsync("CreateShipments");
        await Eventually(() => scenario.ClickAndDrop.Orders(PipelineScenario.Account).Count == 4, TimeSpan.FromSeconds(30));
        await scenario.Stack.Host.RestartWorkerAsync();
        await IgnoreFailure(run);
        scenario.ClickAndDrop.ClearFaults(PipelineScenario.Account);
        await Task.Delay(TimeSpan.FromSeconds(6));

        await scenario.RunAsync("CreateShipments");

        var orders = await scenario.OrdersByIdAsync();
        Assert.All(scenario.Eligible, id => Assert.Equal("ShipmentCreated", orders[id].State));
        Assert.Equal(4, scenario.ClickAndDrop.Orders(PipelineScenario.Account).Count);
    }

    [Fact]
    public async Task Rate_limits_slow_the_pipeline_down_and_lose_nothing()
    {
        // Lines and addresses as separate calls, so that one poll needs more requests than a quota window allows.
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?> { ["BigCommerce__IncludeConsignments"] = "false" });
        // BigCommerce: a quota far below what one poll needs; Click & Drop: 429 with Retry-After on the first calls.
        scenario.BigCommerce.SetQuota(PipelineScenario.StoreHash, quota: 6, window: TimeSpan.FromSeconds(2));
        scenario.ClickAndDrop.RateLimitNext(PipelineScenario.Account, 2, retryAfterSeconds: 1);

        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        if ((await scenario.OrdersByIdAsync()).Values.Any(o => o.State is "Normalised" or "ShipmentRequested"))
            await scenario.RunAsync("CreateShipments"); // a throttled drain hands over to the next run, as in production

        var orders = await scenario.OrdersByIdAsync();
        Assert.Equal(7, orders.Count);
        Assert.All(scenario.Eligible, id => Assert.Equal("ShipmentCreated", orders[id].State));
        Assert.Equal(4, scenario.ClickAndDrop.Orders(PipelineScenario.Account).Count);
        Assert.True(scenario.ClickAndDrop.RequestLog(PipelineScenario.Account).Count(r => r.StatusCode == 429) >= 2);
        Assert.True(scenario.ClickAndDrop.Stats(PipelineScenario.Account).MaxRequestsInOneSecond <= 5);
        // One poll needed more requests than one quota window allows: the client waited for the window instead of failing.
        Assert.True(scenario.BigCommerce.GetRequests(PipelineScenario.StoreHash).Count > 6);
    }

    private static async Task Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(100);
        }
    }

    private static async Task IgnoreFailure(Task task)
    {
        try { await task; }
        catch (Exception) { /* the invocation died with the handler, as intended */ }
    }
}
