using Fulfilment.Pipeline;
using Fulfilment.Shipping;
using Fulfilment.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>
/// What normalisation reads for every order (the connection's settings, the method's mapping) is read once per
/// connection and method while it is kept, against Azurite; a method without a mapping is read again every time, so a
/// mapping ops add applies to the next replay at once.
/// </summary>
public sealed class CachedSettingsTests
{
    [Fact]
    public async Task A_found_mapping_is_kept_for_the_configured_time_and_a_missing_one_is_read_again_every_time()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IShippingMappingStore>();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var settings = Settings(ctx, cache, seconds: 30);
        var connection = StorageTestContext.Unique("conn");
        var mapped = StorageTestContext.Unique("Tracked 24");
        var unmapped = StorageTestContext.Unique("Same Day");
        await store.UpsertAsync(Mapping(connection, mapped, "TPN24"), default);

        Assert.Equal("TPN24", (await settings.MappingAsync(connection, mapped, default))?.ServiceCode);
        Assert.Null(await settings.MappingAsync(connection, unmapped, default));
        await store.UpsertAsync(Mapping(connection, mapped, "TPS48"), default);
        await store.UpsertAsync(Mapping(connection, unmapped, "SD1"), default);

        // The kept mapping is not read again (the change reaches orders when it lapses); the missing one was not kept.
        Assert.Equal("TPN24", (await settings.MappingAsync(connection, "  " + mapped.ToUpperInvariant(), default))?.ServiceCode);
        Assert.Equal("SD1", (await settings.MappingAsync(connection, unmapped, default))?.ServiceCode);
    }

    [Fact]
    public async Task Found_products_are_kept_and_only_the_skus_not_kept_are_read_while_a_missing_one_is_read_again_every_time()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var products = ctx.Get<IProductStore>();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var settings = Settings(ctx, cache, seconds: 30);
        var mug = StorageTestContext.Unique("MUG");
        var tee = StorageTestContext.Unique("TEE");
        var socks = StorageTestContext.Unique("SOCKS");
        await products.UpsertManyAsync([new Catalogue.Product { Sku = mug, WeightGrams = 350 }, new Catalogue.Product { Sku = tee, WeightGrams = 180 }], default);

        var first = await settings.ProductsAsync([mug, socks], default);
        Assert.Equal([mug], first.Keys);
        await products.UpsertManyAsync([
            new Catalogue.Product { Sku = mug, WeightGrams = 999 },
            new Catalogue.Product { Sku = tee, WeightGrams = 200 },
            new Catalogue.Product { Sku = socks, WeightGrams = 60 }], default);

        var second = await settings.ProductsAsync([mug, tee, socks], default);
        // The mug was kept; the tee was never asked for and the socks were missing: both read now.
        Assert.Equal(350, second[mug].WeightGrams);
        Assert.Equal(200, second[tee].WeightGrams);
        Assert.Equal(60, second[socks].WeightGrams);
    }

    [Fact]
    public async Task With_no_time_configured_every_order_reads_the_mapping_afresh()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IShippingMappingStore>();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var settings = Settings(ctx, cache, seconds: 0);
        var connection = StorageTestContext.Unique("conn");
        var method = StorageTestContext.Unique("Tracked 24");
        await store.UpsertAsync(Mapping(connection, method, "TPN24"), default);
        Assert.Equal("TPN24", (await settings.MappingAsync(connection, method, default))?.ServiceCode);

        await store.UpsertAsync(Mapping(connection, method, "TPS48"), default);

        Assert.Equal("TPS48", (await settings.MappingAsync(connection, method, default))?.ServiceCode);
    }

    [Fact]
    public async Task A_connection_is_kept_per_id_and_an_unknown_one_is_not()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var connections = ctx.Get<IConnectionStore>();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var settings = Settings(ctx, cache, seconds: 30);
        var id = StorageTestContext.Unique("bigcommerce");
        Assert.Null(await settings.ConnectionAsync(id, default));
        await connections.SaveAsync(new Connections.ChannelConnection { Id = id, Channel = "bigcommerce", StoreId = "s1", TradingName = "First", CreatedAt = DateTimeOffset.UtcNow }, default);

        Assert.Equal("First", (await settings.ConnectionAsync(id, default))?.TradingName);
        var saved = (await connections.GetAsync(id, default))!;
        saved.TradingName = "Renamed";
        await connections.SaveAsync(saved, default);

        Assert.Equal("First", (await settings.ConnectionAsync(id, default))?.TradingName);
        Assert.Equal("Renamed", (await connections.GetAsync(id, default))?.TradingName);
    }

    private static CachedSettings Settings(StorageTestContext ctx, IMemoryCache cache, int seconds) =>
        new(ctx.Get<IConnectionStore>(), ctx.Get<IShippingMappingStore>(), ctx.Get<IProductStore>(), cache, Options.Create(new PipelineOptions { SettingsCacheSeconds = seconds }));

    private static ShippingMapping Mapping(string connection, string method, string service) => new()
    {
        ConnectionId = connection, ShippingMethod = method, Carrier = "ClickAndDrop",
        CarrierAccountId = "rm-demo", ServiceCode = service, PackageFormat = "Parcel",
    };
}
