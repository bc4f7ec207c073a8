using Fulfilment.Channels;
using Fulfilment.Channels.Ecomdash;
using Sandbox.Ecomdash;

using SimOperations = Sandbox.Ecomdash.EcomdashOperations;

namespace Fulfilment.IntegrationTests.Channels.Ecomdash;

/// <summary>Link and Sync Listings against the simulator.</summary>
public class EcomdashListingsTests
{
    [Fact]
    public async Task Products_are_found_by_sku_ignoring_case_and_by_a_upc_several_share()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var mug = harness.Simulator.AddProduct(merchant.Id, new EcomdashProductSeed("MUG-RED") { Upc = "012345678905" });
        var teeS = harness.Simulator.AddProduct(merchant.Id, new EcomdashProductSeed("TEE-S") { Upc = "5000000000017" });
        var teeM = harness.Simulator.AddProduct(merchant.Id, new EcomdashProductSeed("TEE-M") { Upc = "5000000000017" });

        var bySku = await harness.Listings.FindAsync(connection, ListingIdentifier.Sku, ["mug-red", "NOPE"], CancellationToken.None);
        var byUpc = await harness.Listings.FindAsync(connection, ListingIdentifier.Upc, ["5000000000017"], CancellationToken.None);

        Assert.Equal([(mug.ToString(), "MUG-RED")], bySku.Select(p => (p.ProductId, p.Sku)));
        Assert.Equal([teeS.ToString(), teeM.ToString()], byUpc.Select(p => p.ProductId).Order());
    }

    [Fact]
    public async Task Eans_are_found_by_paging_the_whole_inventory()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        for (var i = 0; i < 205; i++)
            harness.Simulator.AddProduct(merchant.Id, new EcomdashProductSeed($"FILLER-{i:D3}"));
        var lamp = harness.Simulator.AddProduct(merchant.Id, new EcomdashProductSeed("LAMP-DESK") { Ean = "4006381333931" });

        var found = await harness.Listings.FindAsync(connection, ListingIdentifier.Ean, ["04006381333931"], CancellationToken.None);

        Assert.Equal([(lamp.ToString(), "LAMP-DESK", "4006381333931")], found.Select(p => (p.ProductId, p.Sku, p.Ean)));
        // Two pages read. Counted by page, not by request: on a loaded machine an attempt may time out (3 s here) and be
        // sent again, as designed, which is not a third page (seen once in CI).
        Assert.Equal(2, harness.Simulator.RequestLog(merchant.Id).Where(r => r.Operation == SimOperations.GetInventory).Select(r => r.QueryString).Distinct().Count());
    }

    [Fact]
    public async Task Quantities_go_to_their_warehouses_and_a_refused_item_fails_alone()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var leeds = harness.Simulator.AddWarehouse(merchant.Id, "Leeds Overflow");
        connection.Settings["warehouses"] = "LEEDS=Leeds Overflow;MAIN=ECD Warehouse";
        connection.Settings["syncPrice"] = "false";
        var mug = harness.Simulator.AddProduct(merchant.Id, new EcomdashProductSeed("MUG-RED"));
        var lamp = harness.Simulator.AddProduct(merchant.Id, new EcomdashProductSeed("LAMP-DESK"));
        var socks = harness.Simulator.AddProduct(merchant.Id, new EcomdashProductSeed("SOCKS"));
        harness.Simulator.SetProductActive(merchant.Id, socks, false);

        var results = await harness.Listings.SyncAsync(connection,
        [
            new ListingUpdate { Sku = "MUG", ChannelProductId = mug.ToString(), ChannelSku = "MUG-RED", Quantities = [new("MAIN", 40), new("LEEDS", 12)] },
            new ListingUpdate { Sku = "SOCKS", ChannelProductId = socks.ToString(), ChannelSku = "SOCKS", Quantities = [new(null, 3)] },
            new ListingUpdate { Sku = "LAMP", ChannelProductId = lamp.ToString(), ChannelSku = "LAMP-DESK", Quantities = [new(null, 6)] },
        ], CancellationToken.None);

        var bySku = results.ToDictionary(r => r.Sku);
        Assert.Null(bySku["MUG"].QuantityProblem);
        Assert.Null(bySku["LAMP"].QuantityProblem);
        Assert.Equal("Ecomdash: Index 2: No active products with SKU 'SOCKS' were found.", bySku["SOCKS"].QuantityProblem);
        Assert.Equal(new Dictionary<long, decimal> { [merchant.DefaultWarehouseId] = 40m, [leeds] = 12m }, harness.Simulator.Product(merchant.Id, mug).QuantityByWarehouse);
        Assert.Equal(6m, harness.Simulator.Product(merchant.Id, lamp).QuantityByWarehouse[merchant.DefaultWarehouseId]);
    }

    [Fact]
    public async Task A_warehouse_ecomdash_does_not_have_is_the_item_s_problem_and_the_rest_is_pushed()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        connection.Settings["syncPrice"] = "false";
        var mug = harness.Simulator.AddProduct(merchant.Id, new EcomdashProductSeed("MUG-RED"));

        var result = Assert.Single(await harness.Listings.SyncAsync(connection,
            [new ListingUpdate { Sku = "MUG", ChannelProductId = mug.ToString(), ChannelSku = "MUG-RED", Quantities = [new("ECD Warehouse", 4), new("BRISTOL", 7)] }],
            CancellationToken.None));

        Assert.Contains("Our warehouse \"BRISTOL\" has no Ecomdash warehouse", result.QuantityProblem);
        Assert.Equal(4m, harness.Simulator.Product(merchant.Id, mug).QuantityByWarehouse[merchant.DefaultWarehouseId]);
    }

    [Fact]
    public async Task Prices_are_updated_product_by_product()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var mug = harness.Simulator.AddProduct(merchant.Id, new EcomdashProductSeed("MUG-RED") { Price = 8.5m });

        var result = Assert.Single(await harness.Listings.SyncAsync(connection,
            [new ListingUpdate { Sku = "MUG", ChannelProductId = mug.ToString(), ChannelSku = "MUG-RED", Price = 9.25m }], CancellationToken.None));

        Assert.Equal((null, null), (result.QuantityProblem, result.PriceProblem));
        Assert.Equal(9.25m, harness.Simulator.Product(merchant.Id, mug).Price);
        Assert.Equal((8.5m, 9.25m), harness.Simulator.PriceUpdates(merchant.Id).Select(p => (p.OldPrice, p.Price)).Single());
    }

    [Fact]
    public async Task A_price_ecomdash_refuses_is_the_item_s_problem()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var mug = harness.Simulator.AddProduct(merchant.Id, new EcomdashProductSeed("MUG-RED"));
        harness.Simulator.ForceEnvelope(merchant.Id, SimOperations.UpdateProduct, EcomdashEnvelopeStatus.Failure, ["Price is locked by a repricer."]);

        var result = Assert.Single(await harness.Listings.SyncAsync(connection,
            [new ListingUpdate { Sku = "MUG", ChannelProductId = mug.ToString(), ChannelSku = "MUG-RED", Price = 1m }], CancellationToken.None));

        Assert.Contains("Price is locked by a repricer.", result.PriceProblem);
    }
}
