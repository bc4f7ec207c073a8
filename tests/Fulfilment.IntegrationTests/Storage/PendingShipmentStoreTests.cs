using Azure.Data.Tables;
using Fulfilment.Orders;
using Fulfilment.Storage;
using Fulfilment.Storage.Tables;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>The per-account outbox against Azurite.</summary>
public sealed class PendingShipmentStoreTests
{
    [Fact]
    public async Task Adding_the_same_order_twice_leaves_one_pending_entry()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IPendingShipmentStore>();
        var account = StorageTestContext.Unique("rm");
        var order = new OrderKey("conn/1", "#1001");

        await store.AddAsync(account, order, default);
        await store.AddAsync(account, order, default);

        Assert.Equal([order], (await store.ListAsync(account, 10, default)).Select(p => p.Order));
        var rows = await ctx.Tables.GetTableClient(StorageNames.Tables.PendingShipments)
            .QueryAsync<TableEntity>(e => e.PartitionKey == account).CountAsync();
        Assert.Equal(2, rows); // one index row and one ordering row
    }

    [Fact]
    public async Task List_returns_the_oldest_first_up_to_max_and_remove_is_idempotent()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var store = new TablePendingShipmentStore(ctx.Tables, time);
        var account = StorageTestContext.Unique("rm");
        // Added in an order unrelated to their ids' sort order.
        var keys = new[] { new OrderKey("b", "9"), new OrderKey("a", "5"), new OrderKey("c", "1"), new OrderKey("a", "7") };
        foreach (var key in keys)
        {
            await store.AddAsync(account, key, default);
            time.Advance(TimeSpan.FromSeconds(1));
        }
        // Re-adding an old order does not move it to the back.
        await store.AddAsync(account, keys[0], default);

        Assert.Equal(keys.Take(3), (await store.ListAsync(account, 3, default)).Select(p => p.Order));
        // Each keeps when it was first enqueued: the drain sends a batch that is not full once its oldest has waited long enough.
        Assert.Equal([0, 1, 2], (await store.ListAsync(account, 3, default)).Select(p => (int)(p.EnqueuedAt - new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)).TotalSeconds));

        await store.RemoveAsync(account, keys[1], default);
        await store.RemoveAsync(account, keys[1], default);
        Assert.Equal([keys[0], keys[2], keys[3]], (await store.ListAsync(account, 10, default)).Select(p => p.Order));
    }

    [Fact]
    public async Task List_accounts_names_each_account_with_pending_orders_once()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IPendingShipmentStore>();
        var busy = StorageTestContext.Unique("rm/busy");
        var drained = StorageTestContext.Unique("rm");
        await store.AddAsync(busy, new OrderKey("c", "1"), default);
        await store.AddAsync(busy, new OrderKey("c", "2"), default);
        await store.AddAsync(drained, new OrderKey("c", "3"), default);
        await store.RemoveAsync(drained, new OrderKey("c", "3"), default);

        var accounts = await store.ListAccountsAsync(default);

        Assert.Single(accounts, a => a == busy);
        Assert.DoesNotContain(drained, accounts);
    }

    [Fact]
    public async Task List_accounts_finds_every_account_past_a_long_outbox()
    {
        // The accounts are found by skipping from partition to partition; an account behind one with many rows
        // (more than a page of the service's answers) must still be found.
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IPendingShipmentStore>();
        var prefix = StorageTestContext.Unique("acct");
        var busy = prefix + "-a";
        var behind = prefix + "-b";
        var last = prefix + "-c";
        await store.AddManyAsync(busy, Enumerable.Range(1, 1100).Select(i => new OrderKey("c", i.ToString())).ToList(), default);
        await store.AddAsync(behind, new OrderKey("c", "1"), default);
        await store.AddAsync(last, new OrderKey("c", "2"), default);

        var accounts = (await store.ListAccountsAsync(default)).Where(a => a.StartsWith(prefix, StringComparison.Ordinal)).ToList();

        Assert.Equal([busy, behind, last], accounts);
    }
}
