using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Xunit.Abstractions;
using SimOperations = Sandbox.Ecomdash.EcomdashOperations;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>Ecomdash end to end: Azurite, the simulators and the function app under the local Functions host.</summary>
public class EcomdashEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Orders_created_within_the_window_are_imported_once_and_their_tracking_goes_back_once()
    {
        await using var scenario = await EcomdashScenario.StartAsync(output);

        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("PollChannels");

        var orders = await scenario.OrdersAsync();
        Assert.Equal(new[] { "uk", "two-lines", "mixed", "digital", "unmapped" }.Select(k => EcomdashScenario.IdOf(scenario.Orders[k])).Order(), orders.Keys.Order());
        Assert.Equal("Skipped", orders[EcomdashScenario.IdOf(scenario.Orders["digital"])].State);
        var unmapped = orders[EcomdashScenario.IdOf(scenario.Orders["unmapped"])];
        Assert.Equal("NeedsAttention", unmapped.State);
        Assert.Contains("Click & Collect", unmapped.Reason);

        await scenario.RunAsync("CreateShipments");
        Assert.Equal(3, scenario.ClickAndDrop.Orders(EcomdashScenario.Account).Count);
        scenario.ClickAndDrop.DespatchAll(EcomdashScenario.Account);
        await scenario.RunAsync("SyncCarrierStatus");

        orders = await scenario.OrdersAsync();
        foreach (var key in scenario.Eligible)
        {
            var order = scenario.Orders[key];
            var view = orders[EcomdashScenario.IdOf(order)];
            Assert.Equal("WrittenBack", view.State);
            var tracked = Assert.Single(scenario.Ecomdash.TrackingSubmissions(EcomdashScenario.MerchantId, order.OrderId));
            Assert.Equal(view.TrackingNumber, tracked.TrackingNumber);
            Assert.Equal(scenario.CarrierIds["Royal Mail"], tracked.CarrierId);
            Assert.Single(scenario.Ecomdash.Shipments(EcomdashScenario.MerchantId, order.OrderId));
            Assert.Equal(Sandbox.Ecomdash.EcomdashOrderStatus.Complete, scenario.Ecomdash.OrderStatus(EcomdashScenario.MerchantId, order.OrderId));
        }
        // The digital gift card never ships; its order completes on its physical line alone.
        var mixed = Assert.Single(scenario.Ecomdash.Shipments(EcomdashScenario.MerchantId, scenario.Orders["mixed"].OrderId));
        Assert.Equal([scenario.Orders["mixed"].LineItemIds[0]], mixed.Items.Select(i => i.OrderLineItemId));

        // The same write-back delivered again records nothing more.
        await scenario.SendAsync(StorageNames.Queues.DespatchWriteBack, new WriteBackMessage(EcomdashScenario.ConnectionId, EcomdashScenario.IdOf(scenario.Orders["uk"])));
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));
        Assert.Single(scenario.Ecomdash.TrackingSubmissions(EcomdashScenario.MerchantId, scenario.Orders["uk"].OrderId));
        Assert.Single(scenario.Ecomdash.Shipments(EcomdashScenario.MerchantId, scenario.Orders["uk"].OrderId));
    }

    [Fact]
    public async Task Connecting_with_a_lapsed_subscription_is_refused_in_plain_words_and_stores_nothing()
    {
        await using var scenario = await EcomdashScenario.StartAsync(output, connect: false);
        scenario.Ecomdash.SetSubscriptionActive(EcomdashScenario.MerchantId, false);

        using var refused = await scenario.ConnectAsync();
        var problem = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("subscription has lapsed", problem);
        Assert.DoesNotContain(EcomdashScenario.EcdKey, problem);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Stack.Admin.GetAsync($"manage/connections/{EcomdashScenario.ConnectionId}")).StatusCode);

        using var missing = await scenario.ConnectAsync(key: null);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("ecdSubscriptionKey is required", await missing.Content.ReadAsStringAsync());

        scenario.Ecomdash.SetSubscriptionActive(EcomdashScenario.MerchantId, true);
        using var connected = await scenario.ConnectAsync();
        var view = JsonNode.Parse(await connected.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Created, connected.StatusCode);
        Assert.Equal("PendingApproval", view["status"]!.GetValue<string>());
        Assert.Equal(["ecdSubscriptionKey"], view["credentialsStored"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain(EcomdashScenario.EcdKey, view.ToJsonString());

        // Pending approval: nothing is imported until an operator approves the store.
        await scenario.RunAsync("PollChannels");
        Assert.Empty(await scenario.OrdersAsync());
    }

    [Fact]
    public async Task An_order_whose_shipping_method_has_no_mapping_waits_and_goes_on_once_one_is_added()
    {
        await using var scenario = await EcomdashScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");
        var id = EcomdashScenario.IdOf(scenario.Orders["unmapped"]);
        Assert.Contains("Click & Collect", (await scenario.OrdersAsync())[id].Reason);

        await EcomdashScenario.Ensure(scenario.Stack.Admin.PutAsJsonAsync("manage/shipping-mappings", new
        {
            connectionId = EcomdashScenario.ConnectionId, shippingMethod = "Click & Collect", carrier = "ClickAndDrop",
            carrierAccountId = EcomdashScenario.Account, serviceCode = "TRM24", packageFormat = "smallParcel",
        }));
        await EcomdashScenario.Ensure(scenario.Stack.Admin.PostAsync($"manage/orders/{EcomdashScenario.ConnectionId}/{id}/replay", null));
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("Normalised", (await scenario.OrdersAsync())[id].State);
    }

    [Fact]
    public async Task A_quota_spent_by_another_integration_in_the_middle_of_a_poll_is_waited_out_and_every_order_is_imported()
    {
        await using var scenario = await EcomdashScenario.StartAsync(output, new Dictionary<string, string?> { ["Ecomdash__PageSize"] = "2" });
        // Each call takes a second, so the test can step in between the poll's calls.
        scenario.Ecomdash.SetFaults(EcomdashScenario.MerchantId, new Sandbox.Ecomdash.EcomdashFaults { Latency = TimeSpan.FromSeconds(1) });
        var poll = scenario.Stack.Host.TriggerTimerAsync("PollChannels");
        await UntilAsync(() => scenario.Ecomdash.RequestLog(EcomdashScenario.MerchantId).Any(r => r.Operation == SimOperations.GetOrders && r.StatusCode == 200));

        // Mid-poll, another integration spends the whole minute; 50 seconds on, our next call is refused until it ends.
        var spentAt = scenario.Clock.GetUtcNow();
        scenario.Ecomdash.ConsumeQuota(EcomdashScenario.MerchantId, 120);
        scenario.Clock.Advance(TimeSpan.FromSeconds(50));
        await poll;
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(5, (await scenario.OrdersAsync()).Count);
        var calls = scenario.Ecomdash.RequestLog(EcomdashScenario.MerchantId).Where(r => r.Operation == SimOperations.GetOrders).ToList();
        var refused = calls.First(c => c.StatusCode == 429);
        Assert.True(calls.IndexOf(refused) >= 1, "the quota ran out after the poll had started");
        var next = calls.Skip(calls.IndexOf(refused) + 1).First();
        Assert.Equal(200, next.StatusCode);
        // Retry-After said when the other integration's minute ends; the retry came no sooner.
        Assert.True(next.Time >= spentAt.AddMinutes(1), $"retried {(spentAt.AddMinutes(1) - next.Time).TotalSeconds:F1} s before the quota freed up");
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(10);
        }
    }
}
