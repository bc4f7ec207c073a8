using Fulfilment.Storage.Tables;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>The distributed rate gate holds its budget across separate gate instances sharing one table.</summary>
public sealed class RateGateTests
{
    [Fact]
    public async Task Three_gates_sharing_a_key_never_grant_more_than_the_limit_in_one_second()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        const int perSecond = 5;
        const int requests = 20;
        var key = StorageTestContext.Unique("clickanddrop/rm-demo");
        var gates = Enumerable.Range(0, 3).Select(_ => new TableRateGate(ctx.Tables, TimeProvider.System)).ToArray();
        // Start just after a second boundary, so a grant near the end of a window is not recorded in the next one.
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromMilliseconds(1050 - now.Millisecond));

        var granted = new System.Collections.Concurrent.ConcurrentBag<DateTimeOffset>();
        await Task.WhenAll(Enumerable.Range(0, requests).Select(async i =>
        {
            await gates[i % gates.Length].WaitAsync(key, perSecond, default);
            granted.Add(DateTimeOffset.UtcNow);
        }));

        var perWindow = granted.GroupBy(t => t.ToUnixTimeSeconds()).Select(g => g.Count()).ToList();
        Assert.Equal(requests, granted.Count);
        Assert.All(perWindow, count => Assert.InRange(count, 1, perSecond));
        // 20 permits at 5 per second need at least four windows.
        Assert.True(perWindow.Count >= requests / perSecond, $"granted in {perWindow.Count} windows");
    }
}
