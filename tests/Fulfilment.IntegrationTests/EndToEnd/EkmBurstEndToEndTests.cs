using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>A burst of EKM orders against EKM's real bucket (40, leaking 2 a second): paced, not throttled.</summary>
public class EkmBurstEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_burst_of_200_orders_is_imported_and_shipped_without_a_single_429()
    {
        await using var scenario = await EkmScenario.StartAsync(output);
        var seeded = scenario.Ekm.AddOrders(EkmScenario.Shop, 200, i => EkmScenario.PaidOrder(i % 2 == 0 ? "MUG-BLUE" : "CANDLE-SOY"), fireWebhook: false);
        scenario.Ekm.ClearRequests();

        // About 210 calls (11 searches, 200 order lines) at 2 a second: a poll needs some two minutes.
        await scenario.RunAsync("PollChannels", idleSeconds: 400);
        await scenario.RunAsync("CreateShipments", idleSeconds: 120);

        var requests = scenario.Ekm.GetRequests(EkmScenario.Shop);
        Assert.DoesNotContain(requests, r => r.Status == 429);
        Assert.Equal(seeded.Select(o => o.Id).Order(), (await scenario.OrdersByIdAsync()).Keys.Order());
        Assert.Equal(200, scenario.ClickAndDrop.Orders(EkmScenario.Account).Count);
        // Never more than the bucket allows: over any 20 s, at most 40 plus 2 a second.
        var times = requests.Where(r => r.Path.StartsWith("/ekm/api/", StringComparison.Ordinal)).Select(r => r.At).Order().ToList();
        for (var i = 0; i + 80 < times.Count; i++)
            Assert.True(times[i + 80] - times[i] >= TimeSpan.FromSeconds(20), $"81 calls within {times[i + 80] - times[i]}");
    }
}
