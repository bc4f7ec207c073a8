using Fulfilment.Catalogue;
using Fulfilment.Orders;
using Fulfilment.Shipping;
using Fulfilment.Storage;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>Merchant-supplied ids with characters Table Storage forbids in keys still store and load as themselves.</summary>
public sealed class KeyEscapingTests
{
    public static TheoryData<string> AwkwardIds => new()
    {
        "A/B", "A\\B", "#1001", "what?", "100%", "%2F", "a|b", "tab\there", "line\nbreak", "mixed/\\#?%|\u0001end",
    };

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public async Task Order_keys_with_forbidden_characters_round_trip(string id)
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IOrderStore>();
        var key = new OrderKey(StorageTestContext.Unique("conn") + id, id);
        var order = new FulfilmentOrder(key, "BigCommerce", StorageTestContext.Snapshot(id), DateTimeOffset.UnixEpoch.AddYears(56));

        Assert.True(await store.TryAddAsync(order, default));
        Assert.False(await store.TryAddAsync(order, default));

        var stored = await store.GetAsync(key, default);
        Assert.Equal(key, stored?.Key);
        var listed = await store.ListAsync(null, key.ConnectionId, default).ToListAsync();
        Assert.Equal([key], listed.Select(o => o.Key));
    }

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public async Task Skus_and_shipping_methods_with_forbidden_characters_round_trip(string id)
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var sku = StorageTestContext.Unique("SKU") + id;
        await ctx.Get<IProductStore>().UpsertManyAsync([new Product { Sku = sku, WeightGrams = 10 }], default);
        Assert.Equal(sku, (await ctx.Get<IProductStore>().GetAsync(sku, default))?.Sku);

        var connection = StorageTestContext.Unique("conn") + id;
        var mapping = new ShippingMapping
        {
            ConnectionId = connection, ShippingMethod = "Express " + id, Carrier = "ClickAndDrop",
            CarrierAccountId = "rm-demo", ServiceCode = "TPN", PackageFormat = "Parcel",
        };
        await ctx.Get<IShippingMappingStore>().UpsertAsync(mapping, default);
        Assert.Equal(mapping, await ctx.Get<IShippingMappingStore>().FindAsync(connection, "Express " + id, default));
    }
}
