using Azure.Data.Tables;
using Fulfilment.Orders;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>
/// Orders planned as they are recorded (no normalise message, no second read and write of the order), the outbox row
/// put back when an order is listed again, and a write-back that looks for an earlier shipment only when an earlier
/// attempt was ever started: through the local host, against Azurite and the simulators.
/// </summary>
public class PlannedAtImportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_poll_records_orders_already_planned_and_puts_them_in_their_carrier_outbox_without_a_normalise_message()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?> { ["AzureWebJobs.NormaliseOrder.Disabled"] = "true" });

        await using var stores = scenario.Stores();
        await scenario.RunAsync("PollChannels");

        var orders = await scenario.OrdersByIdAsync();
        Assert.All(scenario.Eligible, id => Assert.Equal("Normalised", orders[id].State));
        Assert.Equal("Skipped", orders[scenario.Orders["digital"]].State);
        Assert.Equal("NeedsAttention", orders[scenario.Orders["unmapped"]].State);
        Assert.Equal("NeedsAttention", orders[scenario.Orders["unknown-sku"]].State);
        // Nothing waits for the (disabled) normalise step.
        var normalise = scenario.Queue(StorageNames.Queues.OrderNormalise);
        Assert.False((await normalise.ExistsAsync()).Value && (await normalise.PeekMessagesAsync(32)).Value.Length > 0);
        var pending = await stores.GetRequiredService<IPendingShipmentStore>().ListAsync(PipelineScenario.Account, 100, CancellationToken.None);
        Assert.Equal(scenario.Eligible.Select(id => id.ToString()).Order(), pending.Select(p => p.Order.ChannelOrderId).Order());

        await scenario.RunAsync("CreateShipments");
        Assert.Equal(4, scenario.ClickAndDrop.Orders(PipelineScenario.Account).Count);
    }

    [Fact]
    public async Task A_planned_order_whose_outbox_row_was_lost_gets_it_back_when_a_poll_lists_it_again()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        await using var stores = scenario.Stores();
        var pending = stores.GetRequiredService<IPendingShipmentStore>();
        await scenario.RunAsync("PollChannels");
        var uk = new OrderKey(PipelineScenario.ConnectionId, scenario.Orders["uk"].ToString());
        // As if the worker died between recording the order and adding its outbox row.
        await pending.RemoveAsync(PipelineScenario.Account, uk, CancellationToken.None);

        await scenario.RunAsync("PollChannels");

        Assert.Contains(uk, (await pending.ListAsync(PipelineScenario.Account, 100, CancellationToken.None)).Select(p => p.Order));
        await scenario.RunAsync("CreateShipments");
        Assert.Single(scenario.ClickAndDrop.Orders(PipelineScenario.Account), o => o.OrderReference == scenario.ReferenceOf(scenario.Orders["uk"]));
    }

    [Fact]
    public async Task A_first_write_back_records_the_shipment_in_one_call_and_a_later_attempt_finds_the_one_an_earlier_attempt_made()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        var ukId = scenario.Orders["uk"];
        await using var stores = scenario.Stores();
        var orders = stores.GetRequiredService<IOrderStore>();
        // "germany" is despatched by hand below, as if an attempt had started, posted its shipment and died.
        var germanyId = scenario.Orders["germany"];
        scenario.ClickAndDrop.DespatchAll(PipelineScenario.Account);
        scenario.BigCommerce.ClearRequests(PipelineScenario.StoreHash);
        await scenario.RunAsync("SyncCarrierStatus");

        var shipmentCalls = scenario.BigCommerce.GetRequests(PipelineScenario.StoreHash).Where(r => r.Path.EndsWith("/shipments", StringComparison.Ordinal)).ToList();
        Assert.Equal("WrittenBack", (await scenario.OrdersByIdAsync())[ukId].State);
        Assert.Single(scenario.BigCommerce.GetShipments(PipelineScenario.StoreHash, ukId));
        // One POST per order written back, no GET: no attempt had started before.
        Assert.Equal(scenario.Eligible.Count(), shipmentCalls.Count);
        Assert.All(shipmentCalls, r => Assert.Equal("POST", r.Method));

        // An attempt that posted its shipment and died before recording it: the row is back at Despatched, marked started.
        var germany = (await orders.GetAsync(new OrderKey(PipelineScenario.ConnectionId, germanyId.ToString()), CancellationToken.None))!;
        Assert.Equal(OrderState.WrittenBack, germany.State);
        Assert.NotNull(germany.WriteBackStartedAt);
        var table = stores.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.Tables.Orders);
        var row = await table.QueryAsync<TableEntity>(e => e.GetString("ChannelOrderId") == germanyId.ToString()).SingleAsync();
        row["State"] = nameof(OrderState.Despatched);
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        scenario.BigCommerce.ClearRequests(PipelineScenario.StoreHash);
        await scenario.SendAsync(StorageNames.Queues.DespatchWriteBack, new WriteBackMessage(PipelineScenario.ConnectionId, germanyId.ToString()));
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(90));

        Assert.Equal("WrittenBack", (await scenario.OrdersByIdAsync())[germanyId].State);
        Assert.Single(scenario.BigCommerce.GetShipments(PipelineScenario.StoreHash, germanyId));
        Assert.Contains(scenario.BigCommerce.GetRequests(PipelineScenario.StoreHash), r => r.Method == "GET" && r.Path.EndsWith("/shipments", StringComparison.Ordinal));
        Assert.DoesNotContain(scenario.BigCommerce.GetRequests(PipelineScenario.StoreHash), r => r.Method == "POST");
    }
}
