using Fulfilment.Storage.Tables;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>The distributed rate gate holds its budget across separate gate instances sharing one table.</summary>
public sealed class RateGateTests
{
    [Fact]
    public async Task Three_gates_sharing_a_key_never_grant_more_than_the_limit_in_any_rolling_second()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        const int perSecond = 5;
        const int requests = 20;
        var key = StorageTestContext.Unique("clickanddrop/rm-demo");
        var gates = Enumerable.Range(0, 3).Select(_ => new TableRateGate(ctx.Tables, TimeProvider.System)).ToArray();

        var granted = new System.Collections.Concurrent.ConcurrentBag<DateTimeOffset>();
        await Task.WhenAll(Enumerable.Range(0, requests).Select(async i => granted.Add(await gates[i % gates.Length].WaitAsync(key, perSecond, default))));

        Assert.Equal(requests, granted.Count);
        // Any perSecond + 1 consecutive grants span at least a second: never more than perSecond in a rolling second,
        // including across calendar-second boundaries. (The grant times, not the callers' wake-ups: how long a storage
        // write takes under load is not the gate's to promise.)
        var ordered = granted.Order().ToList();
        for (var i = perSecond; i < ordered.Count; i++)
            Assert.True(ordered[i] - ordered[i - perSecond] >= TimeSpan.FromSeconds(1),
                $"grants {i - perSecond} and {i} are only {(ordered[i] - ordered[i - perSecond]).TotalMilliseconds} ms apart");
    }
}
