using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Sandbox.BigCommerce;
using Sandbox.ClickAndDrop;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>
/// Nothing lost, nothing stuck: outages outlast the queue's attempts, poison has a way forward, failures are listed and
/// replayable, and one bad answer never wedges a drain. Azurite, the simulators and the function app under the local host.
/// </summary>
public class RecoveryTests(ITestOutputHelper output)
{
    /// <summary>Quick retries, so an outage of "many attempts" takes seconds.</summary>
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Pipeline__WriteBackFirstDelaySeconds"] = "1",
        ["Pipeline__WriteBackMaxDelaySeconds"] = "2",
    };

    [Fact]
    public async Task One_order_of_a_write_back_message_whose_answer_is_lost_is_retried_alone_and_the_others_are_written_back()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, FastRetries);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        // The four despatches go in one message; one shipment create is carried out and answered 500.
        scenario.BigCommerce.SetFaults(PipelineScenario.StoreHash, new BigCommerceFaults { ShipmentCreatesFailAfterActing = 1 });

        scenario.ClickAndDrop.DespatchAll(PipelineScenario.Account);
        await scenario.RunAsync("SyncCarrierStatus");

        var first = await scenario.OrdersByIdAsync();
        Assert.Equal(3, scenario.Eligible.Count(id => first[id].State == "WrittenBack"));
        Assert.Single(scenario.Eligible, id => first[id].State == "Despatched");

        // Its retry finds the shipment the lost answer made and records it: one shipment per order, none twice.
        await RetryUntilWrittenBackAsync(scenario, attempts: 10, TimeSpan.FromSeconds(1.5));
        await AssertEachWrittenBackOnceAsync(scenario);
    }

    [Fact]
    public async Task An_order_claimed_by_a_write_back_delivery_that_died_is_sent_again_as_soon_as_the_claim_lapses()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, FastRetries);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        // A worker killed in the middle of writing "uk" back left its claim on the row (claims outlive a crash by design).
        var uk = scenario.Orders["uk"];
        var claimLapsesAt = DateTimeOffset.UtcNow.AddSeconds(10);
        await using (var stores = scenario.Stores())
        {
            var table = stores.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.Tables.Orders);
            var row = await table.QueryAsync<TableEntity>(e => e.GetString("ChannelOrderId") == uk.ToString()).SingleAsync();
            row["WriteBackClaimedUntil"] = claimLapsesAt;
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        }

        scenario.ClickAndDrop.DespatchAll(PipelineScenario.Account);
        await scenario.RunAsync("SyncCarrierStatus");
        Assert.Equal("Despatched", (await scenario.OrdersByIdAsync())[uk].State); // its delivery stood down

        // Once the claim has lapsed, the next retry run sends it: not a whole message claim (2 minutes) later.
        await Task.Delay(claimLapsesAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2));
        await scenario.RunAsync("RetryWriteBacks");
        await AssertEachWrittenBackOnceAsync(scenario);
    }

    [Fact]
    public async Task A_write_back_message_writes_back_its_free_orders_once_and_leaves_one_held_by_another_delivery_and_an_unknown_one_be()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?>(FastRetries) { ["Pipeline__SettingsCacheSeconds"] = "0" });
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        await using var stores = scenario.Stores();
        var connections = stores.GetRequiredService<IConnectionStore>();
        var outbox = stores.GetRequiredService<IWriteBackOutbox>();
        // Despatched while an operator has the connection suspended: every write-back waits in the outbox.
        await SetConnectionStatusAsync(ConnectionStatus.Suspended);
        scenario.ClickAndDrop.DespatchAll(PipelineScenario.Account);
        await scenario.RunAsync("SyncCarrierStatus");
        var despatched = await scenario.OrdersByIdAsync();
        Assert.All(scenario.Eligible, id => Assert.Equal("Despatched", despatched[id].State));
        await SetConnectionStatusAsync(ConnectionStatus.Active);

        // "uk" is held by another delivery; "germany" was written back by one meanwhile; "404404" is no order of ours.
        var uk = scenario.Orders["uk"];
        var germany = scenario.Orders["germany"];
        var table = stores.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.Tables.Orders);
        var heldUntil = DateTimeOffset.UtcNow.AddMinutes(1);
        var ukRow = await table.QueryAsync<TableEntity>(e => e.GetString("ChannelOrderId") == uk.ToString()).SingleAsync();
        ukRow["WriteBackClaimedUntil"] = heldUntil;
        await table.UpdateEntityAsync(ukRow, ukRow.ETag, TableUpdateMode.Replace);
        var germanyRow = await table.QueryAsync<TableEntity>(e => e.GetString("ChannelOrderId") == germany.ToString()).SingleAsync();
        germanyRow["State"] = nameof(OrderState.WrittenBack);
        await table.UpdateEntityAsync(germanyRow, germanyRow.ETag, TableUpdateMode.Replace);

        var ids = scenario.Eligible.Select(id => id.ToString()).Append("404404").ToList();
        await scenario.SendAsync(StorageNames.Queues.DespatchWriteBack, new WriteBackMessage(PipelineScenario.ConnectionId, ids[0])
        {
            More = ids.Skip(1).Select(id => new OrderReference(id)).ToList(),
        });
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(90));

        var orders = await scenario.OrdersByIdAsync();
        var free = scenario.Eligible.Except([uk, germany]).ToList();
        Assert.NotEmpty(free);
        Assert.All(free, id =>
        {
            Assert.Equal("WrittenBack", orders[id].State);
            Assert.Single(scenario.BigCommerce.GetShipments(PipelineScenario.StoreHash, id));
        });
        Assert.Equal("Despatched", orders[uk].State);
        Assert.Empty(scenario.BigCommerce.GetShipments(PipelineScenario.StoreHash, uk));
        Assert.Empty(scenario.BigCommerce.GetShipments(PipelineScenario.StoreHash, germany)); // it was "written back" by hand
        // The held one is due again when its claim lapses; the entries of the others are gone.
        var ukEntry = await outbox.GetAsync(new OrderKey(PipelineScenario.ConnectionId, uk.ToString()), default);
        Assert.Equal(heldUntil.AddSeconds(1).ToUnixTimeSeconds(), ukEntry!.DueAt.ToUnixTimeSeconds());
        foreach (var id in free.Append(germany))
            Assert.Null(await outbox.GetAsync(new OrderKey(PipelineScenario.ConnectionId, id.ToString()), default));
        Assert.Empty((await scenario.Queue(StorageNames.Queues.Poison(StorageNames.Queues.DespatchWriteBack)).PeekMessagesAsync(10)).Value);

        async Task SetConnectionStatusAsync(ConnectionStatus status)
        {
            var connection = (await connections.GetAsync(PipelineScenario.ConnectionId, default))!;
            connection.Status = status;
            await connections.SaveAsync(connection, default);
        }
    }

    /// <summary>Fires the write-back retries until every eligible order is written back or the attempts run out.</summary>
    private static async Task RetryUntilWrittenBackAsync(PipelineScenario scenario, int attempts, TimeSpan between)
    {
        var orders = await scenario.OrdersByIdAsync();
        for (var i = 0; i < attempts && scenario.Eligible.Any(id => orders[id].State != "WrittenBack"); i++)
        {
            await Task.Delay(between);
            await scenario.RunAsync("RetryWriteBacks");
            orders = await scenario.OrdersByIdAsync();
        }
    }

    private static async Task AssertEachWrittenBackOnceAsync(PipelineScenario scenario)
    {
        var orders = await scenario.OrdersByIdAsync();
        Assert.All(scenario.Eligible, id =>
        {
            Assert.Equal("WrittenBack", orders[id].State);
            Assert.Single(scenario.BigCommerce.GetShipments(PipelineScenario.StoreHash, id));
        });
    }

    [Fact]
    public async Task A_channel_outage_longer_than_the_queues_attempts_leaves_orders_despatched_and_written_back_once_it_ends()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, FastRetries);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        scenario.BigCommerce.SetFaults(PipelineScenario.StoreHash, new BigCommerceFaults { Next500 = 10_000 }); // BigCommerce is down

        scenario.ClickAndDrop.DespatchAll(PipelineScenario.Account);
        await scenario.RunAsync("SyncCarrierStatus");
        // Far more attempts than maxDequeueCount (5) while the outage lasts.
        for (var i = 0; i < 7; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            await scenario.RunAsync("RetryWriteBacks");
        }

        var during = await scenario.OrdersByIdAsync();
        Assert.All(scenario.Eligible, id => Assert.Equal("Despatched", during[id].State));
        Assert.Empty((await scenario.Queue(StorageNames.Queues.Poison(StorageNames.Queues.DespatchWriteBack)).PeekMessagesAsync(10)).Value);

        // The outage ends; the client's circuit breaker may stay open a little longer, and the retries go on meanwhile.
        scenario.BigCommerce.SetFaults(PipelineScenario.StoreHash, new BigCommerceFaults());
        await RetryUntilWrittenBackAsync(scenario, attempts: 20, TimeSpan.FromSeconds(2.5));

        await AssertEachWrittenBackOnceAsync(scenario);
    }

    [Fact]
    public async Task Two_write_back_deliveries_at_once_record_one_shipment_on_the_channel()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        scenario.BigCommerce.SetFaults(PipelineScenario.StoreHash, new BigCommerceFaults { Latency = TimeSpan.FromMilliseconds(700) });
        scenario.ClickAndDrop.DespatchAll(PipelineScenario.Account);
        await scenario.Stack.Host.TriggerTimerAsync("SyncCarrierStatus");
        var uk = scenario.Orders["uk"].ToString();
        await Task.WhenAll(
            scenario.SendAsync(StorageNames.Queues.DespatchWriteBack, new WriteBackMessage(PipelineScenario.ConnectionId, uk)),
            scenario.SendAsync(StorageNames.Queues.DespatchWriteBack, new WriteBackMessage(PipelineScenario.ConnectionId, uk)));
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(90));

        Assert.Single(scenario.BigCommerce.GetShipments(PipelineScenario.StoreHash, scenario.Orders["uk"]));
        Assert.Equal("WrittenBack", (await scenario.OrdersByIdAsync())[scenario.Orders["uk"]].State);
    }

    [Fact]
    public async Task A_normalisation_that_kept_failing_leaves_its_order_needing_attention_never_imported()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?> { ["AzureWebJobs.NormaliseOrder.Disabled"] = "true" });
        await scenario.RunAsync("PollChannels");
        // Planned as it was recorded (no mapping for its method); a replay sends it to the normalise step.
        var unmapped = scenario.Orders["unmapped"].ToString();
        Assert.Equal("NeedsAttention", (await scenario.OrdersByIdAsync())[scenario.Orders["unmapped"]].State);
        using (var replay = await scenario.Stack.Admin.PostAsync($"manage/orders/{PipelineScenario.ConnectionId}/{unmapped}/replay", null))
            replay.EnsureSuccessStatusCode();
        Assert.Equal("Imported", (await scenario.OrdersByIdAsync())[scenario.Orders["unmapped"]].State);
        // What the host does after maxDequeueCount failures: the message goes to the poison queue.
        await scenario.SendAsync(StorageNames.Queues.Poison(StorageNames.Queues.OrderNormalise), new NormaliseOrderMessage(PipelineScenario.ConnectionId, unmapped));

        await scenario.RunAsync("SweepPoison");

        var order = (await scenario.OrdersByIdAsync())[scenario.Orders["unmapped"]];
        Assert.Equal("NeedsAttention", order.State);
        Assert.Contains("Normalising the order failed", order.Reason);
        Assert.Empty((await scenario.Queue(StorageNames.Queues.Poison(StorageNames.Queues.OrderNormalise)).PeekMessagesAsync(10)).Value);
        var failures = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("manage/failures"))!["failures"]!.AsArray();
        Assert.Contains(failures, f => f!["subject"]!.GetValue<string>() == $"{PipelineScenario.ConnectionId}/{unmapped}" && f["kind"]!.GetValue<string>() == "Order");
    }

    [Fact]
    public async Task A_poison_message_of_any_queue_becomes_a_listed_failure_and_a_replay_sends_it_back_once()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, install: false);
        await scenario.SendAsync(StorageNames.Queues.Poison(StorageNames.Queues.ChannelPoll), new PollConnectionMessage("bigcommerce-gone"));

        await scenario.RunAsync("SweepPoison");

        var failure = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("manage/failures"))!["failures"]!.AsArray()
            .Single(f => f!["subject"]!.GetValue<string>() == StorageNames.Queues.ChannelPoll)!;
        Assert.Contains("failed", failure["cause"]!.GetValue<string>());
        Assert.True(failure["replayable"]!.GetValue<bool>());
        Assert.Empty((await scenario.Queue(StorageNames.Queues.Poison(StorageNames.Queues.ChannelPoll)).PeekMessagesAsync(10)).Value);

        var id = failure["id"]!.GetValue<string>();
        using var replay = await scenario.Stack.Admin.PostAsync($"manage/failures/{id}/replay", null);
        using var again = await scenario.Stack.Admin.PostAsync($"manage/failures/{id}/replay", null);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var health = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("health"))!;
        Assert.Equal(0, health["failures"]!["failures"]!.GetValue<int>());
    }

    [Fact]
    public async Task Orders_needing_attention_are_listed_with_their_cause_and_replay_from_the_failures_view()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");

        var failures = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("manage/failures"))!["failures"]!.AsArray();
        var unmapped = failures.Single(f => f!["subject"]!.GetValue<string>() == $"{PipelineScenario.ConnectionId}/{scenario.Orders["unmapped"]}")!;
        Assert.Contains("Same Day Courier", unmapped["cause"]!.GetValue<string>());

        // The cause is fixed (a mapping for the method), then the order is replayed, twice.
        using var mapping = await scenario.Stack.Admin.PutAsJsonAsync("manage/shipping-mappings", new
        {
            shippingMethod = "Same Day Courier", carrier = "ClickAndDrop", carrierAccountId = PipelineScenario.Account, serviceCode = "TRM24", packageFormat = "smallParcel",
        });
        Assert.Equal(HttpStatusCode.OK, mapping.StatusCode);
        var id = unmapped["id"]!.GetValue<string>();
        using var replay = await scenario.Stack.Admin.PostAsync($"manage/failures/{id}/replay", null);
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));
        using var again = await scenario.Stack.Admin.PostAsync($"manage/failures/{id}/replay", null);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("Normalised", (await scenario.OrdersByIdAsync())[scenario.Orders["unmapped"]].State);
        var left = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("manage/failures"))!["failures"]!.AsArray();
        Assert.DoesNotContain(left, f => f!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task A_reference_the_carrier_holds_twice_does_not_wedge_the_drain_and_the_first_carrier_order_is_ours()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?> { ["Pipeline__CarrierSettleSeconds"] = "1" });
        await scenario.RunAsync("PollChannels");
        scenario.ClickAndDrop.CreateThenFail(PipelineScenario.Account, CreateThenFailMode.ServerError);
        await scenario.RunAsync("CreateShipments");
        var ukReference = scenario.ReferenceOf(scenario.Orders["uk"]);
        var first = scenario.ClickAndDrop.Orders(PipelineScenario.Account).Single(o => o.OrderReference == ukReference);
        // Someone creates a second Click & Drop order with our reference (Click & Drop allows it).
        await CreateAtClickAndDropAsync(scenario, ukReference);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        await scenario.RunAsync("CreateShipments");

        var orders = await scenario.OrdersByIdAsync();
        Assert.All(scenario.Eligible, id => Assert.Equal("ShipmentCreated", orders[id].State));
        Assert.Equal(first.OrderIdentifier.ToString(), orders[scenario.Orders["uk"]].CarrierShipmentId);
        var account = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/carrier-accounts/{PipelineScenario.Account}"))!;
        Assert.Null(account["drainProblem"]?.GetValue<string>());
    }

    private static async Task CreateAtClickAndDropAsync(PipelineScenario scenario, string reference)
    {
        using var http = new HttpClient { BaseAddress = new Uri(scenario.Stack.Sandbox.BaseUrl + ClickAndDropSimulator.ApiPrefix + "/") };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Demo.DevStack.ClickAndDropApiKey);
        var body = $$$"""{"items":[{"orderReference":"{{{reference}}}","recipient":{"address":{"addressLine1":"1 High St","city":"Leeds","countryCode":"GB"}},"orderDate":"2026-11-23T09:00:00Z","subtotal":1,"shippingCostCharged":1,"total":2,"packages":[{"weightInGrams":100,"packageFormatIdentifier":"letter"}]}]}""";
        using var response = await http.PostAsync("orders", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
