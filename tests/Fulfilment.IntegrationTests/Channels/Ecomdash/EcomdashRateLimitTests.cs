using Azure.Data.Tables;
using Fulfilment.Channels.Ecomdash;
using Fulfilment.Storage;
using Fulfilment.Storage.Tables;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.Ecomdash;

using SimOperations = Sandbox.Ecomdash.EcomdashOperations;

namespace Fulfilment.IntegrationTests.Channels.Ecomdash;

/// <summary>
/// The merchant's limits, shared with every other integration on the account: 120 calls a minute (429 with
/// Retry-After) and 3 concurrent calls per operation (429 without); one limiter per merchant across our instances.
/// </summary>
public class EcomdashRateLimitTests
{
    [Fact]
    public async Task A_quota_spent_by_another_integration_is_waited_out_for_its_retry_after_and_nothing_fails()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { CreatedAt = harness.Clock.GetUtcNow().AddHours(-1) });
        // Another integration used the whole minute 50 seconds ago: the next call must wait until that minute is over.
        var spentAt = harness.Clock.GetUtcNow();
        harness.Simulator.ConsumeQuota(merchant.Id, 120);
        harness.Clock.Advance(TimeSpan.FromSeconds(50));

        var orders = (await harness.ReadAllAsync(connection, harness.Query())).SelectMany(p => p.Orders).ToList();

        Assert.Single(orders);
        var calls = harness.Simulator.RequestLog(merchant.Id).Where(r => r.Operation == SimOperations.GetOrders).ToList();
        var refused = Assert.Single(calls, c => c.StatusCode == 429);
        var answered = Assert.Single(calls, c => c.StatusCode == 200);
        // Retry-After said when the other integration's minute ends; the retry came no sooner.
        Assert.True(answered.Time >= spentAt.AddMinutes(1), $"retried {(spentAt.AddMinutes(1) - answered.Time).TotalSeconds:F1} s before the quota freed up");
        Assert.True(answered.Time > refused.Time);
    }

    [Fact]
    public async Task A_retry_after_pauses_the_merchant_for_every_instance_so_the_others_do_not_run_into_it()
    {
        await using var harness = await EcomdashHarness.StartAsync(instances: 2);
        var (connection, merchant) = harness.NewMerchant();
        harness.Simulator.ConsumeQuota(merchant.Id, 120);
        harness.Clock.Advance(TimeSpan.FromSeconds(50));
        var merchantKey = EcomdashMerchant.Of(connection);
        var first = harness.Instance(0).GetRequiredService<EcomdashClient>().GetWarehousesAsync(merchantKey, CancellationToken.None);
        await WaitForPauseAsync(harness, merchantKey.LimiterKey);

        var second = harness.Instance(1).GetRequiredService<EcomdashClient>().GetCarriersAsync(merchantKey, CancellationToken.None);
        await Task.WhenAll(first, second);

        Assert.Single(harness.Simulator.RequestLog(merchant.Id), r => r.StatusCode == 429);
        Assert.Equal(2, harness.Simulator.RequestLog(merchant.Id).Count(r => r.StatusCode == 200));
    }

    [Fact]
    public async Task At_most_three_calls_of_an_operation_are_in_flight_across_instances()
    {
        await using var harness = await EcomdashHarness.StartAsync(instances: 2);
        var (connection, merchant) = harness.NewMerchant();
        harness.Simulator.SetFaults(merchant.Id, new EcomdashFaults { Latency = TimeSpan.FromMilliseconds(300) });
        var merchantKey = EcomdashMerchant.Of(connection);

        var calls = Enumerable.Range(0, 10).Select(i => harness.Instance(i % 2).GetRequiredService<EcomdashClient>()
            .GetProductsAsync(merchantKey, "sku", [$"SKU-{i}"], CancellationToken.None));
        await Task.WhenAll(calls);

        var log = harness.Simulator.RequestLog(merchant.Id);
        Assert.Equal(10, log.Count(r => r.StatusCode == 200));
        Assert.DoesNotContain(log, r => r.StatusCode == 429);
    }

    [Fact]
    public async Task Calls_refused_because_another_integration_holds_the_operation_are_retried_shortly()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        // Another integration keeps two calls of the operation in flight: only one of ours fits, so our three run one
        // after another (at least 1.2 s in all). The last one is refused for as long as the other two take, so the
        // waits after a refusal without Retry-After must grow: a fixed short wait gives up before its turn comes.
        harness.Simulator.SetThrottle(merchant.Id, concurrentCallsPerOperation: 1);
        harness.Simulator.SetFaults(merchant.Id, new EcomdashFaults { Latency = TimeSpan.FromMilliseconds(400) });
        var merchantKey = EcomdashMerchant.Of(connection);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => harness.Client.GetProductsAsync(merchantKey, "sku", [$"SKU-{i}"], CancellationToken.None)));

        var log = harness.Simulator.RequestLog(merchant.Id);
        Assert.Equal(3, log.Count(r => r.StatusCode == 200));
        Assert.Contains(log, r => r.StatusCode == 429);
    }

    [Fact]
    public async Task A_server_error_on_a_read_is_retried_inside_the_call()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        harness.Simulator.SetFaults(merchant.Id, new EcomdashFaults { Next500 = 1 });

        var warehouses = await harness.Client.GetWarehousesAsync(EcomdashMerchant.Of(connection), CancellationToken.None);

        Assert.Single(warehouses);
        Assert.Equal([500, 200], harness.Simulator.RequestLog(merchant.Id).Select(r => r.StatusCode));
    }

    private static async Task WaitForPauseAsync(EcomdashHarness harness, string limiterKey)
    {
        var table = harness.Instance(0).GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.Tables.RateWindows);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(limiterKey), "quota");
            if (row.HasValue && row.Value!.GetDateTimeOffset("PausedUntil") is not null)
                return;
            await Task.Delay(20);
        }
        throw new TimeoutException("The first instance never paused the merchant's quota.");
    }
}
