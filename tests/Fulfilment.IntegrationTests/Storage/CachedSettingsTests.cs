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
