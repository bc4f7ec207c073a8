using Fulfilment.Storage;
using Fulfilment.Storage.Tables;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>The minute quota and the concurrency semaphore hold across separate instances sharing one table.</summary>
public sealed class QuotaAndSemaphoreTests
{
    [Fact]
    public async Task Quotas_sharing_a_key_never_grant_more_than_the_permits_in_any_window()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var key = StorageTestContext.Unique("ecomdash:merchant");
        var quotas = Enumerable.Range(0, 3).Select(_ => new TableQuota(ctx.Tables, TimeProvider.System)).ToArray();
        var window = TimeSpan.FromSeconds(2);

        var granted = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => quotas[i % 3].WaitAsync(key, 4, window, default).AsTask()));

        var ordered = granted.Order().ToList();
        for (var i = 4; i < ordered.Count; i++)
            Assert.True(ordered[i] - ordered[i - 4] >= window, $"grants {i - 4} and {i} are only {(ordered[i] - ordered[i - 4]).TotalMilliseconds} ms apart");
    }

    [Fact]
    public async Task A_pause_holds_every_instance_until_it_ends()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var key = StorageTestContext.Unique("ecomdash:merchant");
        var pausedUntil = DateTimeOffset.UtcNow.AddSeconds(1.5);
        await new TableQuota(ctx.Tables, TimeProvider.System).PauseUntilAsync(key, pausedUntil, default);
        // An earlier pause never shortens a later one.
        await new TableQuota(ctx.Tables, TimeProvider.System).PauseUntilAsync(key, pausedUntil.AddSeconds(-1), default);

        var granted = await new TableQuota(ctx.Tables, TimeProvider.System).WaitAsync(key, 100, TimeSpan.FromMinutes(1), default);

        Assert.True(granted >= pausedUntil, $"granted {(pausedUntil - granted).TotalMilliseconds} ms before the pause ended");
    }

    [Fact]
    public async Task No_more_than_the_slots_are_held_at_once_across_instances_and_a_freed_slot_is_taken()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var key = StorageTestContext.Unique("ecomdash:merchant:getProducts");
        var semaphores = Enumerable.Range(0, 2).Select(_ => new LeaseSemaphore(ctx.Get<ILeaseStore>(), TimeProvider.System)).ToArray();
        var held = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 9).Select(async i =>
        {
            await using var slot = await semaphores[i % 2].AcquireAsync(key, 3, TimeSpan.FromSeconds(30), default);
            var now = Interlocked.Increment(ref held);
            InterlockedMax(ref most, now);
            await Task.Delay(100);
            Interlocked.Decrement(ref held);
        }));

        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public async Task A_slot_a_crashed_holder_kept_frees_itself_when_its_hold_ends()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var key = StorageTestContext.Unique("ecomdash:merchant:createShipment");
        var semaphore = new LeaseSemaphore(ctx.Get<ILeaseStore>(), TimeProvider.System);
        await semaphore.AcquireAsync(key, 1, TimeSpan.FromSeconds(1), default); // never disposed: its holder "crashed"

        var started = DateTimeOffset.UtcNow;
        await using var slot = await semaphore.AcquireAsync(key, 1, TimeSpan.FromSeconds(30), default);

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
