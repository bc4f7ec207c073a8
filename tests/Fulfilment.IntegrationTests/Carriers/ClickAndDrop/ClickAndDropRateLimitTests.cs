using System.Diagnostics;
using Xunit;
using static Fulfilment.IntegrationTests.Carriers.ClickAndDrop.ClickAndDropPlans;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>Tests that measure real time; they run alone so other tests' load cannot bunch their requests.</summary>
[CollectionDefinition(nameof(TimingSensitive), DisableParallelization = true)]
public sealed class TimingSensitive;

/// <summary>The per-account rate limit: our gate keeps every caller together under it, and a 429 is retried after Retry-After.</summary>
[Collection(nameof(TimingSensitive))]
public class ClickAndDropRateLimitTests
{
    [Fact]
    public async Task Rate_limited_request_is_retried_after_Retry_After_and_succeeds()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();
        h.Simulator.RateLimitNext(account.Id, 1, retryAfterSeconds: 1);

        var clock = Stopwatch.StartNew();
        var result = await h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-429-00000001")]), default);

        Assert.Single(result.Created);
        Assert.Equal(2, h.Simulator.CreateRequestCount(account.Id));
        Assert.Equal([429, 200], h.Simulator.RequestLog(account.Id).Select(r => r.StatusCode));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task Many_calls_through_the_rate_gate_never_exceed_five_requests_in_one_second()
    {
        // The gate's window is wider than the second Click & Drop counts in, so arrival jitter on a busy machine (a request
        // granted early but delivered late) cannot bunch six arrivals into one second.
        await using var h = await ClickAndDropHarness.StartAsync(new() { ["ClickAndDrop:MaxOrdersPerRequest"] = "10" }, gateWindow: TimeSpan.FromMilliseconds(1500));
        var account = h.NewAccount();
        var plans = Enumerable.Range(1, 120).Select(i => Uk($"FF-{i}-rate")).ToList();
        // Warm both ends up on another account first: the server's first requests are slowed by start-up work, which
        // would bunch their arrival times together and measure the cold start rather than our pacing.
        var warmUp = h.NewAccount();
        await h.Carrier.GetStatusAsync(warmUp, [(await h.Carrier.CreateShipmentsAsync(warmUp, Requests([Uk("FF-0-warm")]), default)).Created[0].CarrierShipmentId], default);

        // Four callers at once, as several function instances would be.
        var batches = await Task.WhenAll(plans.Chunk(30).Select(chunk => h.Carrier.CreateShipmentsAsync(account, Requests(chunk), default)));
        var ids = batches.SelectMany(b => b.Created).Select(c => c.CarrierShipmentId).ToList();
        var statuses = await Task.WhenAll(ids.Chunk(10).Select(chunk => h.Carrier.GetStatusAsync(account, chunk, default)));

        Assert.Equal(120, ids.Count);
        Assert.Equal(120, statuses.Sum(s => s.Count));
        var stats = h.Simulator.Stats(account.Id);
        Assert.Equal(24, stats.Requests);
        Assert.Equal(12, stats.CreateRequests);
        Assert.Equal(0, stats.RateLimited);
        Assert.InRange(stats.MaxRequestsInOneSecond, 1, 5);
    }
}
