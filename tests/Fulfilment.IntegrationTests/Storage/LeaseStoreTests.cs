using Fulfilment.Storage.Tables;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>Named leases against Azurite, with time driven by a fake clock.</summary>
public sealed class LeaseStoreTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_held_lease_excludes_a_second_acquirer_until_released()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var first = new TableLeaseStore(ctx.Tables, time);
        var second = new TableLeaseStore(ctx.Tables, time);
        var name = StorageTestContext.Unique("drain/rm-demo");

        var lease = await first.TryAcquireAsync(name, Duration, default);
        Assert.NotNull(lease);
        Assert.Null(await second.TryAcquireAsync(name, Duration, default));

        await lease.ReleaseAsync(default);
        await using var next = await second.TryAcquireAsync(name, Duration, default);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Racing_acquirers_get_exactly_one_lease()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var name = StorageTestContext.Unique("race");

        var leases = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => new TableLeaseStore(ctx.Tables, time).TryAcquireAsync(name, Duration, default)));

        Assert.Single(leases, l => l is not null);
    }

    [Fact]
    public async Task An_expired_lease_can_be_taken_over_and_the_old_holder_cannot_renew_it()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new TableLeaseStore(ctx.Tables, time);
        var name = StorageTestContext.Unique("drain");
        var old = (await store.TryAcquireAsync(name, Duration, default))!;

        time.Advance(Duration - TimeSpan.FromSeconds(1));
        Assert.Null(await store.TryAcquireAsync(name, Duration, default));
        time.Advance(TimeSpan.FromSeconds(2));
        var taker = await store.TryAcquireAsync(name, Duration, default);

        Assert.NotNull(taker);
        Assert.False(await old.RenewAsync(default));
        // The old holder's release must not free the new holder's lease.
        await old.ReleaseAsync(default);
        Assert.Null(await store.TryAcquireAsync(name, Duration, default));
        Assert.True(await taker.RenewAsync(default));
        Assert.Equal(time.GetUtcNow() + Duration, taker.ExpiresAt);
    }

    [Fact]
    public async Task Renewing_keeps_the_lease_past_its_first_expiry()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new TableLeaseStore(ctx.Tables, time);
        var name = StorageTestContext.Unique("renew");
        await using var lease = (await store.TryAcquireAsync(name, Duration, default))!;

        time.Advance(Duration / 2);
        Assert.True(await lease.RenewAsync(default));
        time.Advance(Duration * 3 / 4);

        Assert.Null(await store.TryAcquireAsync(name, Duration, default));
    }
}
