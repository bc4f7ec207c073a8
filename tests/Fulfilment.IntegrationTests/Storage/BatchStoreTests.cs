using Azure.Data.Tables;
using Fulfilment.Orders;
using Fulfilment.Storage;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>
/// The stores' batch operations against Azurite, which the create and sync steps use to record a carrier batch in a
/// few requests: each must do exactly what its one-at-a-time counterpart does, including when some of the rows changed
/// or went meanwhile.
/// </summary>
public sealed class BatchStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Removing_many_pending_orders_removes_exactly_those_even_when_one_transaction_fails_part_way()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IPendingShipmentStore>();
        var table = ctx.Tables.GetTableClient(StorageNames.Tables.PendingShipments);
        var account = StorageTestContext.Unique("rm");
        // More than one filter's worth (14) and one transaction's worth (50) of orders, over two connections.
        var keys = Enumerable.Range(0, 70).Select(i => new OrderKey(i % 2 == 0 ? "bc/a" : "bc/b", $"{1000 + i}")).ToList();
        foreach (var key in keys)
            await store.AddAsync(account, key, default);
        await store.RemoveAsync(account, keys[3], default);
        // One order's ordering row goes behind the store's back, so the transaction holding it fails as a whole (404),
        // as it does when another remover takes an order between our read and our delete.
        var broken = keys[40];
        var ordering = await table.QueryAsync<TableEntity>(e => e.PartitionKey == account && e.GetString("ChannelOrderId") == broken.ChannelOrderId).SingleAsync();
        await table.DeleteEntityAsync(ordering.PartitionKey, ordering.RowKey);

        await store.RemoveManyAsync(account, keys.Take(60).ToList(), default);

        Assert.Equal(keys.Skip(60), (await store.ListAsync(account, 100, default)).Select(p => p.Order));
        var rows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == account).Select(e => e.RowKey).ToListAsync();
        // The ten left (two rows each) and the broken order's index row, which its failed removal left alone.
        Assert.Equal(21, rows.Count);

        await store.RemoveManyAsync(account, keys.Take(60).ToList(), default); // idempotent
        Assert.Equal(10, (await store.ListAsync(account, 100, default)).Count);
    }

    [Fact]
    public async Task Reading_many_orders_finds_those_that_exist_across_connections()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IOrderStore>();
        var connections = new[] { StorageTestContext.Unique("conn"), StorageTestContext.Unique("conn") };
        var keys = Enumerable.Range(0, 31).Select(i => new OrderKey(connections[i % 2], $"'{i}'/#")).ToList();
        foreach (var key in keys.Where((_, i) => i != 5))
            Assert.True(await store.TryAddAsync(new FulfilmentOrder(key, "BigCommerce", StorageTestContext.Snapshot(key.ChannelOrderId), T0), default));

        var found = await store.GetManyAsync(keys, default);

        Assert.Equal(30, found.Count);
        Assert.DoesNotContain(keys[5], found.Keys);
        Assert.All(found, f => Assert.Equal(f.Key, f.Value.Key));
        Assert.All(found.Values, o => Assert.NotNull(o.ETag));
    }

    [Fact]
    public async Task Saving_many_orders_saves_those_unchanged_and_returns_the_ones_changed_meanwhile()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IOrderStore>();
        var connection = StorageTestContext.Unique("conn");
        var keys = Enumerable.Range(0, 120).Select(i => new OrderKey(connection, $"{i}")).ToList();
        foreach (var key in keys)
            await store.TryAddAsync(new FulfilmentOrder(key, "BigCommerce", StorageTestContext.Snapshot(key.ChannelOrderId), T0), default);
        var read = await store.GetManyAsync(keys, default);
        // Another writer changes two of them after our read.
        foreach (var key in new[] { keys[7], keys[110] })
        {
            var other = (await store.GetAsync(key, default))!;
            other.MoveTo(OrderState.Skipped, T0.AddMinutes(1), "changed by someone else");
            await store.SaveAsync(other, default);
        }
        var ours = keys.Select(k => read[k]).ToList();
        foreach (var order in ours)
            order.MoveTo(OrderState.Normalised, T0.AddMinutes(2));

        var conflicts = await store.SaveManyAsync(ours, default);

        Assert.Equal([keys[7], keys[110]], conflicts.Select(c => c.Key).OrderBy(k => int.Parse(k.ChannelOrderId)));
        var stored = await store.GetManyAsync(keys, default);
        Assert.Equal(118, stored.Values.Count(o => o.State == OrderState.Normalised));
        Assert.Equal(OrderState.Skipped, stored[keys[7]].State);
        Assert.All(ours.Where(o => !conflicts.Contains(o)), o => Assert.Equal(stored[o.Key].ETag, o.ETag));
    }

    [Fact]
    public async Task Adding_many_shipments_keeps_one_recorded_before_as_stored_and_saving_many_closes_them()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IShipmentStore>();
        var account = StorageTestContext.Unique("rm");
        ShipmentRecord Shipment(int i, string? tracking = null) => new()
        {
            CarrierAccountId = account, CarrierShipmentId = $"{5000 + i}", Carrier = "ClickAndDrop", Order = new OrderKey("bc/a", $"{i}"),
            Reference = $"ref-{i}", TrackingNumber = tracking, CreatedAt = T0,
        };
        await store.AddAsync(Shipment(2, tracking: "FIRST"), default);

        var stored = await store.AddManyAsync(Enumerable.Range(0, 60).Select(i => Shipment(i, tracking: "SECOND")).ToList(), default);

        Assert.Equal(60, stored.Count);
        Assert.Equal("FIRST", stored[2].TrackingNumber);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"{5000 + i}"), stored.Select(s => s.CarrierShipmentId));
        Assert.Equal(60, (await store.ListOpenAsync(account, default)).Count);

        // Someone else changes one after our add; closing all of them closes the rest and reports that one.
        var other = (await store.GetAsync(account, "5010", default))!;
        other.TrackingNumber = "CHANGED";
        await store.SaveAsync(other, default);
        foreach (var shipment in stored)
        {
            shipment.State = ShipmentState.Despatched;
            shipment.DespatchedAt = T0.AddHours(1);
        }
        var conflicts = await store.SaveManyAsync(stored, default);

        Assert.Equal(["5010"], conflicts.Select(c => c.CarrierShipmentId));
        Assert.Equal(["5010"], (await store.ListOpenAsync(account, default)).Select(s => s.CarrierShipmentId));
        Assert.Equal(ShipmentState.Despatched, (await store.GetAsync(account, "5020", default))!.State);
        // The closed ones carry their new guard: saving again works.
        stored[20].TrackingNumber = "AFTER";
        await store.SaveAsync(stored[20], default);
    }

    [Fact]
    public async Task Adding_many_write_backs_adds_the_new_ones_and_leaves_one_waiting_already_with_its_attempts()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var outbox = ctx.Get<IWriteBackOutbox>();
        var connections = new[] { StorageTestContext.Unique("conn"), StorageTestContext.Unique("conn") };
        var keys = Enumerable.Range(0, 130).Select(i => new OrderKey(connections[i % 2], $"{i}")).ToList();
        await outbox.AddAsync(keys[9], T0, "00-trace-waiting", default);
        await outbox.RescheduleAsync(keys[9], T0.AddMinutes(5), 3, "BigCommerce: 503", default);

        await outbox.AddManyAsync(keys.Select(k => (k, (string?)$"00-trace-{k.ChannelOrderId}")).ToList(), T0.AddMinutes(2), default);

        var waiting = new List<PendingWriteBack?>();
        foreach (var key in keys)
            waiting.Add(await outbox.GetAsync(key, default));
        Assert.All(waiting, Assert.NotNull);
        Assert.Equal(3, waiting[9]!.Attempts);
        Assert.Equal("BigCommerce: 503", waiting[9]!.LastError);
        Assert.Equal(T0.AddMinutes(5), waiting[9]!.DueAt);
        Assert.All(waiting.Where((_, i) => i != 9), w => Assert.Equal((0, T0.AddMinutes(2)), (w!.Attempts, w.DueAt)));
        Assert.Equal("00-trace-42", waiting[42]!.TraceParent);
    }

    [Fact]
    public async Task Deferring_a_write_back_moves_only_its_due_time_and_never_brings_back_one_that_was_removed()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var outbox = ctx.Get<IWriteBackOutbox>();
        var connection = StorageTestContext.Unique("conn");
        var waiting = new OrderKey(connection, "1");
        var removed = new OrderKey(connection, "2");
        await outbox.AddAsync(waiting, T0, "00-trace-waiting", default);
        await outbox.RescheduleAsync(waiting, T0.AddMinutes(1), 2, "BigCommerce: 503", default);
        await outbox.AddAsync(removed, T0, null, default);
        await outbox.RemoveAsync(removed, default);

        await outbox.DeferAsync(waiting, T0.AddMinutes(3), default);
        await outbox.DeferAsync(removed, T0.AddMinutes(3), default);

        var entry = await outbox.GetAsync(waiting, default);
        Assert.Equal((T0.AddMinutes(3), 2, "BigCommerce: 503", "00-trace-waiting"), (entry!.DueAt, entry.Attempts, entry.LastError, entry.TraceParent));
        Assert.Null(await outbox.GetAsync(removed, default));
    }

    [Fact]
    public async Task Removing_many_write_backs_removes_them_all_even_when_one_was_removed_already()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var outbox = ctx.Get<IWriteBackOutbox>();
        var connections = new[] { StorageTestContext.Unique("conn"), StorageTestContext.Unique("conn") };
        var keys = Enumerable.Range(0, 6).Select(i => new OrderKey(connections[i % 2], $"{i}")).ToList();
        var kept = new OrderKey(connections[0], "kept");
        await outbox.AddManyAsync(keys.Append(kept).Select(k => (k, (string?)null)).ToList(), T0, default);
        await outbox.RemoveAsync(keys[2], default); // removed by another delivery meanwhile

        await outbox.RemoveManyAsync(keys, default);

        foreach (var key in keys)
            Assert.Null(await outbox.GetAsync(key, default));
        Assert.NotNull(await outbox.GetAsync(kept, default));
    }
}
