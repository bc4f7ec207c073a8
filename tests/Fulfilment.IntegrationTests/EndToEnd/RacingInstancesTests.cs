using System.Net.Http.Json;
using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Channels.BigCommerce;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>Two app instances (two service graphs on the same storage and partners) racing the same work.</summary>
public class RacingInstancesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_instances_draining_the_same_account_at_once_create_one_carrier_order_per_channel_order()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");
        // A slow carrier, so the two drains really overlap.
        scenario.ClickAndDrop.InjectLatency(PipelineScenario.Account, TimeSpan.FromSeconds(2));
        await using var first = Instance(scenario);
        await using var second = Instance(scenario);

        var results = await Task.WhenAll(
            first.GetRequiredService<CreateShipmentsStep>().RunAsync(CancellationToken.None),
            second.GetRequiredService<CreateShipmentsStep>().RunAsync(CancellationToken.None));

        Assert.Equal(4, results.Sum(r => r.Created));
        Assert.Equal(4, scenario.ClickAndDrop.Orders(PipelineScenario.Account).Count);
        Assert.Equal(1, scenario.ClickAndDrop.CreateRequestCount(PipelineScenario.Account));
    }

    [Fact]
    public async Task Two_instances_normalising_the_same_order_at_once_leave_one_outbox_entry()
    {
        // The host's own normalise step is off, so only the two instances below normalise.
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?> { ["AzureWebJobs.NormaliseOrder.Disabled"] = "true" });
        await using var first = Instance(scenario);
        await using var second = Instance(scenario);
        await first.GetRequiredService<PollConnectionStep>().RunAsync(new PollConnectionMessage(PipelineScenario.ConnectionId), CancellationToken.None);
        // Planned as it was recorded, the order needs attention (no mapping for its method); ops add one and replay it, and
        // the replay's normalise message is delivered to both instances at once.
        var unmapped = scenario.Orders["unmapped"].ToString();
        using (var mapping = await scenario.Stack.Admin.PutAsJsonAsync("manage/shipping-mappings", new
        {
            shippingMethod = "Same Day Courier", carrier = "ClickAndDrop", carrierAccountId = PipelineScenario.Account, serviceCode = "TRM24", packageFormat = "smallParcel",
        }))
            mapping.EnsureSuccessStatusCode();
        using (var replay = await scenario.Stack.Admin.PostAsync($"manage/orders/{PipelineScenario.ConnectionId}/{unmapped}/replay", null))
            replay.EnsureSuccessStatusCode();
        var message = new NormaliseOrderMessage(PipelineScenario.ConnectionId, unmapped);

        var outcomes = await Task.WhenAll(
            Attempt(() => first.GetRequiredService<NormaliseOrderStep>().RunAsync(message, CancellationToken.None)),
            Attempt(() => second.GetRequiredService<NormaliseOrderStep>().RunAsync(message, CancellationToken.None)));
        // The loser of the ETag race fails and is redelivered, as the queue would do.
        if (outcomes.Any(o => o is ConcurrencyConflictException))
            await first.GetRequiredService<NormaliseOrderStep>().RunAsync(message, CancellationToken.None);

        var pending = await first.GetRequiredService<IPendingShipmentStore>().ListAsync(PipelineScenario.Account, 100, CancellationToken.None);
        Assert.Single(pending, p => p.Order.ChannelOrderId == unmapped);
        Assert.All(outcomes, o => Assert.True(o is null or ConcurrencyConflictException, o?.ToString()));
    }

    [Fact]
    public async Task A_drain_whose_lease_lapses_during_a_stalled_send_stops_and_the_instance_that_took_over_creates_each_other_order_once()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        await scenario.RunAsync("PollChannels");
        // Chunks of two orders, a lease that lapses during one slow send, and a settle time that outlasts the test, so an
        // order sent by the first drain is never looked up (or sent) by the second. One batch in flight at a time, so the
        // first drain's second chunk waits behind its stalled first one.
        var tight = new Dictionary<string, string?>
        {
            ["Pipeline:ParallelCreateBatches"] = "1",
            ["ClickAndDrop:MaxOrdersPerRequest"] = "2",
            ["Pipeline:DrainLeaseSeconds"] = "5",
            ["Pipeline:CarrierSettleSeconds"] = "600",
        };
        await using var first = Instance(scenario, tight);
        await using var second = Instance(scenario, tight);
        scenario.ClickAndDrop.InjectLatency(PipelineScenario.Account, TimeSpan.FromSeconds(15));

        var firstDrain = first.GetRequiredService<CreateShipmentsStep>().RunAsync(CancellationToken.None);
        await EventuallyAsync(() => scenario.ClickAndDrop.CreateRequestCount(PipelineScenario.Account) == 1 || firstDrain.IsCompleted, "the first drain's first chunk reached Click & Drop");
        if (firstDrain.IsCompleted)
            Assert.Fail($"the first drain ended before sending: {await firstDrain}");
        // The first drain's lease (5 s) lapses while its send stalls (15 s); the second instance takes the account over.
        await Task.Delay(TimeSpan.FromSeconds(7));
        var secondResult = await second.GetRequiredService<CreateShipmentsStep>().RunAsync(CancellationToken.None);
        var firstResult = await firstDrain;

        var created = scenario.ClickAndDrop.Orders(PipelineScenario.Account);
        Assert.Equal(4, created.Count);
        Assert.Equal(4, created.Select(o => o.OrderReference).Distinct().Count());
        Assert.Equal(2, firstResult.Created);
        Assert.Equal(2, secondResult.Created);
        // The first drain found its lease gone after its stalled chunk and sent nothing more: two chunks in all.
        Assert.Equal(2, scenario.ClickAndDrop.CreateRequestCount(PipelineScenario.Account));
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not in time: {what}.");
            await Task.Delay(50);
        }
    }

    private static async Task<Exception?> Attempt(Func<Task> work)
    {
        try { await work(); return null; }
        catch (Exception ex) { return ex; }
    }

    /// <summary>The function app's service graph as a second instance would build it, on the same settings.</summary>
    private static ServiceProvider Instance(PipelineScenario scenario, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var configuration = scenario.Stack.AppConfiguration(overrides);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFulfilmentStorage(configuration);
        services.AddFulfilmentPipeline(configuration);
        services.AddBigCommerce(configuration);
        services.AddClickAndDrop(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
