using Fulfilment.Orders;
using Fulfilment.Shipping;
using Fulfilment.Storage;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>The order store against Azurite: insert-once, ETag races, large documents and listing.</summary>
public sealed class OrderStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Adding_the_same_order_twice_returns_false_and_leaves_the_first_untouched()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IOrderStore>();
        var key = new OrderKey(StorageTestContext.Unique("conn"), "100");
        var first = new FulfilmentOrder(key, "BigCommerce", StorageTestContext.Snapshot("100", "first"), T0);
        var second = new FulfilmentOrder(key, "BigCommerce", StorageTestContext.Snapshot("100", "second"), T0.AddHours(1));

        Assert.True(await store.TryAddAsync(first, default));
        Assert.NotNull(first.ETag);
        Assert.False(await store.TryAddAsync(second, default));

        var stored = await store.GetAsync(key, default);
        Assert.NotNull(stored);
        Assert.Equal("first", stored.Snapshot.CustomerNote);
        Assert.Equal(T0, stored.ImportedAt);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task Two_saves_from_the_same_read_let_exactly_one_win()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IOrderStore>();
        var key = new OrderKey(StorageTestContext.Unique("conn"), "200");
        Assert.True(await store.TryAddAsync(new FulfilmentOrder(key, "BigCommerce", StorageTestContext.Snapshot("200"), T0), default));

        var a = (await store.GetAsync(key, default))!;
        var b = (await store.GetAsync(key, default))!;
        a.MoveTo(OrderState.Normalised, T0.AddMinutes(1));
        b.MoveTo(OrderState.Skipped, T0.AddMinutes(1), "no physical lines");

        var results = await Task.WhenAll(
            Outcome(() => store.SaveAsync(a, default)),
            Outcome(() => store.SaveAsync(b, default)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is ConcurrencyConflictException);
        var winner = results[0] is null ? a : b;
        var stored = (await store.GetAsync(key, default))!;
        Assert.Equal(winner.State, stored.State);
        Assert.Equal(winner.ETag, stored.ETag);
    }

    [Fact]
    public async Task Saving_after_a_save_uses_the_new_etag()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IOrderStore>();
        var order = new FulfilmentOrder(new OrderKey(StorageTestContext.Unique("conn"), "300"), "BigCommerce", StorageTestContext.Snapshot("300"), T0);
        await store.TryAddAsync(order, default);

        order.MoveTo(OrderState.Normalised, T0.AddMinutes(1));
        await store.SaveAsync(order, default);
        order.MoveTo(OrderState.ShipmentRequested, T0.AddMinutes(2));
        await store.SaveAsync(order, default);

        Assert.Equal(OrderState.ShipmentRequested, (await store.GetAsync(order.Key, default))!.State);
    }

    [Fact]
    public async Task Order_with_plan_history_and_a_snapshot_over_64_KiB_round_trips()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IOrderStore>();
        // 120,000 characters: several 64 KiB string properties' worth, including non-ASCII and a surrogate pair.
        var note = string.Concat(Enumerable.Repeat("Grüße 📦 ", 12_000));
        var key = new OrderKey(StorageTestContext.Unique("conn"), "400");
        var order = new FulfilmentOrder(key, "BigCommerce", StorageTestContext.Snapshot("400", note), T0);
        Assert.True(await store.TryAddAsync(order, default));

        order.MoveTo(OrderState.Normalised, T0.AddMinutes(1));
        order.Plan = Plan(key);
        order.TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        order.MoveTo(OrderState.NeedsAttention, T0.AddMinutes(2), "postcode rejected");
        await store.SaveAsync(order, default);

        var stored = (await store.GetAsync(key, default))!;
        Assert.Equal(note, stored.Snapshot.CustomerNote);
        Assert.Equal(order.Snapshot.Lines, stored.Snapshot.Lines);
        Assert.Equal(order.Snapshot.ShippingAddress, stored.Snapshot.ShippingAddress);
        Assert.Equal(order.Plan.Recipient, stored.Plan!.Recipient);
        Assert.Equal(order.Plan.Lines, stored.Plan.Lines);
        Assert.Equal(order.Plan.Dimensions, stored.Plan.Dimensions);
        Assert.Equal(order.History, stored.History);
        Assert.Equal(OrderState.NeedsAttention, stored.State);
        Assert.Equal("postcode rejected", stored.Reason);
        Assert.Equal(OrderState.Imported, stored.ResumeState);
        Assert.Equal(order.TraceParent, stored.TraceParent);
        Assert.Equal(T0.AddMinutes(2), stored.UpdatedAt);
    }

    [Fact]
    public async Task List_filters_by_state_and_connection()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IOrderStore>();
        var connection = StorageTestContext.Unique("conn");
        var other = StorageTestContext.Unique("conn");
        foreach (var (conn, id, skip) in new[] { (connection, "1", false), (connection, "2", true), (other, "3", true) })
        {
            var order = new FulfilmentOrder(new OrderKey(conn, id), "BigCommerce", StorageTestContext.Snapshot(id), T0);
            await store.TryAddAsync(order, default);
            if (skip)
            {
                order.MoveTo(OrderState.Skipped, T0, "digital only");
                await store.SaveAsync(order, default);
            }
        }

        var skipped = await store.ListAsync(OrderState.Skipped, connection, default).ToListAsync();
        var all = await store.ListAsync(null, connection, default).ToListAsync();

        Assert.Equal(["2"], skipped.Select(o => o.Key.ChannelOrderId));
        Assert.Equal(["1", "2"], all.Select(o => o.Key.ChannelOrderId).Order());
    }

    private static ShipmentPlan Plan(OrderKey key) => new()
    {
        Reference = key.CarrierReference,
        ChannelOrderNumber = "N-400",
        Carrier = "ClickAndDrop",
        CarrierAccountId = "rm-demo",
        ServiceCode = "TPN",
        PackageFormat = "SmallParcel",
        OrderDate = T0,
        Recipient = new Address { FullName = "Ada Lovelace", Line1 = "1 St James's Square", City = "London", Postcode = "SW1Y 4JU", CountryCode = "GB" },
        Currency = "GBP",
        Total = 16.45m,
        TotalWeightGrams = 700,
        Dimensions = new Dimensions(100, 200, 300),
        RequiresCustoms = false,
        Lines = [new ShipmentLine { ChannelLineId = "1", Sku = "MUG-BLUE", Name = "Blue mug", Quantity = 2, UnitValue = 6.25m, UnitWeightGrams = 350 }],
    };

    private static async Task<Exception?> Outcome(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
