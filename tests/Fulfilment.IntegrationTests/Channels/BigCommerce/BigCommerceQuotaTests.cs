using Fulfilment.Channels;
using Fulfilment.Channels.BigCommerce;
using Fulfilment.Connections;
using Sandbox.BigCommerce;
using Xunit;

namespace Fulfilment.IntegrationTests.Channels.BigCommerce;

/// <summary>
/// A busy store at BigCommerce's real Standard-plan quota (150 requests per 30 s window, shared with other apps), on
/// a <see cref="VirtualClock"/> shared by the simulator and the client, so a wait for the window costs no real time
/// and the calls are exactly what production would send.
/// </summary>
public class BigCommerceQuotaTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly OrderQuery Backlog = new(OrderPosition.Before(Start.AddDays(-3)), Start.AddDays(-7), "9");

    private static void SeedBacklog(BigCommerceHarness h, ChannelConnection c, int orders)
    {
        for (var i = 0; i < orders; i++)
        {
            var modified = Start.AddDays(-2).AddSeconds(i * 7);
            h.Simulator.AddOrder(c.StoreId, new BigCommerceOrderSeed
            {
                CreatedAt = modified.AddHours(-1),
                ModifiedAt = modified,
                Products = [new BigCommerceProductSeed { Sku = "MUG-BLUE" }],
            });
        }
    }

    /// <summary>What one poll does with a backlog: every page, and every order on it fetched whole (lines and addresses).</summary>
    private static async Task<int> PollEverythingAsync(BigCommerceHarness h, ChannelConnection c)
    {
        var fetched = 0;
        await foreach (var page in h.Channel.ReadOrdersAsync(c, Backlog, default))
        {
            foreach (var summary in page.Orders)
            {
                await h.Channel.GetOrderAsync(c, summary, default);
                fetched++;
            }
        }
        return fetched;
    }

    [Fact]
    public async Task A_429_asking_for_a_whole_30_second_window_is_waited_out_instead_of_failing_the_call()
    {
        await using var clock = new VirtualClock(Start);
        await using var h = await BigCommerceHarness.StartAsync(time: clock);
        var c = h.NewStore(quota: 150, window: TimeSpan.FromSeconds(30));
        SeedBacklog(h, c, 1);
        h.Simulator.ConsumeQuota(c.StoreId, 150); // other apps used this window up

        var orders = await h.Client.ListOrdersAsync(BigCommerceHarness.StoreOf(c), new BigCommerceOrderQuery { StatusId = 9 }, default);

        Assert.Single(orders);
        Assert.Equal([429, 200], h.Simulator.GetRequests(c.StoreId).Select(r => r.StatusCode));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(30), $"retried after {clock.Elapsed}, before the window reset");
    }

    [Fact]
    public async Task A_1000_order_backlog_drains_at_150_per_30_seconds_beside_another_app_without_a_429_escaping()
    {
        await using var clock = new VirtualClock(Start);
        // Each order's lines and addresses as separate calls, so the backlog is 2,000 more requests against the quota.
        await using var h = await BigCommerceHarness.StartAsync(pageSize: 50, time: clock, settings: BigCommerceHarness.WithoutConsignments);
        var c = h.NewStore(quota: 150, window: TimeSpan.FromSeconds(30));
        SeedBacklog(h, c, 1000);
        // Another app takes one request of every window after every 4th of ours: the last request our client
        // counted on is sometimes gone by the time it asks.
        h.Simulator.SetOtherAppLoad(c.StoreId, everyNthRequest: 4);

        var fetched = await PollEverythingAsync(h, c);

        Assert.Equal(1000, fetched);
        // A 429 the other app caused closes the store's gate at once: at most one per window, never a burst of them.
        var stats = h.Simulator.GetStats(c.StoreId);
        var windows = (int)(clock.Elapsed / TimeSpan.FromSeconds(30)) + 1;
        Assert.True(stats.RateLimited <= windows, $"{stats.RateLimited} 429s over {windows} windows");
    }

    [Fact]
    public async Task Concurrent_calls_to_one_store_are_paced_to_its_quota_and_never_meet_a_429()
    {
        await using var clock = new VirtualClock(Start);
        await using var h = await BigCommerceHarness.StartAsync(time: clock, settings: BigCommerceHarness.WithoutConsignments);
        var c = h.NewStore(quota: 150, window: TimeSpan.FromSeconds(30));
        SeedBacklog(h, c, 240);
        var summaries = new List<ChannelOrderSummary>();
        await foreach (var page in h.Channel.ReadOrdersAsync(c, Backlog, default))
            summaries.AddRange(page.Orders);
        h.Simulator.ClearRequests(c.StoreId);

        // Six workers (polls of other connections, write-backs) fetch orders of the same store at once. Each takes its
        // first order before any of them calls, so six calls reach the client together by construction: whether the
        // simulator also sees them overlap depends on thread scheduling (it answers in microseconds), not on our code.
        var queue = new System.Collections.Concurrent.ConcurrentQueue<ChannelOrderSummary>(summaries);
        var holding = 0;
        var allHoldAnOrder = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            Assert.True(queue.TryDequeue(out var summary));
            if (Interlocked.Increment(ref holding) == 6)
                allHoldAnOrder.SetResult();
            await allHoldAnOrder.Task.WaitAsync(TimeSpan.FromSeconds(30));
            do
                await h.Channel.GetOrderAsync(c, summary!, default);
            while (queue.TryDequeue(out summary));
        }));
        await Task.WhenAll(workers);

        var stats = h.Simulator.GetStats(c.StoreId);
        Assert.Equal(480, stats.Requests);
        Assert.Equal(0, stats.RateLimited);
        // 480 requests at 150 per 30 s window span at least four windows: the workers were held back, not lucky.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(90), $"480 requests in {clock.Elapsed}");
    }
}
