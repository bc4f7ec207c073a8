using Fulfilment.Shipping;
using Fulfilment.Storage;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>Shipping-method mappings against Azurite.</summary>
public sealed class ShippingMappingStoreTests
{
    [Fact]
    public async Task A_connections_own_mapping_wins_over_the_any_connection_mapping()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IShippingMappingStore>();
        var method = StorageTestContext.Unique("Royal Mail Tracked 24");
        var mine = StorageTestContext.Unique("conn");
        var theirs = StorageTestContext.Unique("conn");
        await store.UpsertAsync(Mapping(ShippingMapping.AnyConnection, method, "TPN24"), default);
        await store.UpsertAsync(Mapping(mine, method, "TPS48"), default);

        Assert.Equal("TPS48", (await store.FindAsync(mine, method, default))?.ServiceCode);
        Assert.Equal("TPN24", (await store.FindAsync(theirs, method, default))?.ServiceCode);
    }

    [Fact]
    public async Task Methods_match_ignoring_case_and_spacing_and_unmapped_methods_find_nothing()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IShippingMappingStore>();
        var connection = StorageTestContext.Unique("conn");
        await store.UpsertAsync(Mapping(connection, "Royal Mail 1st Class", "CRL1"), default);

        Assert.Equal("CRL1", (await store.FindAsync(connection, "  royal  MAIL 1st class ", default))?.ServiceCode);
        Assert.Null(await store.FindAsync(connection, "Same Day Courier " + Guid.NewGuid(), default));
        Assert.True(await store.DeleteAsync(connection, "ROYAL MAIL 1ST CLASS", default));
        Assert.Null(await store.FindAsync(connection, "Royal Mail 1st Class", default));
    }

    private static ShippingMapping Mapping(string connection, string method, string service) => new()
    {
        ConnectionId = connection, ShippingMethod = method, Carrier = "ClickAndDrop",
        CarrierAccountId = "rm-demo", ServiceCode = service, PackageFormat = "Parcel",
    };
}
