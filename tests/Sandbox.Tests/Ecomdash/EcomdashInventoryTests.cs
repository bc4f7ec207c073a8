using System.Net;
using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

public sealed class EcomdashInventoryTests : EcomdashTestBase
{
    [Fact]
    public async Task GetProducts_by_sku_matches_case_insensitively_and_only_active_products()
    {
        var mug = Sim.AddProduct(Merchant, new EcomdashProductSeed("MUG-RED") { Upc = "012345678905" });
        Sim.AddProduct(Merchant, new EcomdashProductSeed("OLD-MUG") { IsActive = false });

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("inventory/getProducts", new { idType = "sku", idList = new[] { "mug-red", "OLD-MUG", "NOPE" } }));

        var product = Assert.Single(envelope.GetProperty("data").EnumerateArray());
        Assert.Equal(mug, EcomdashTestHost.Id(product.GetProperty("Id")));
        Assert.Equal("012345678905", product.GetProperty("UPC").GetString());
        Assert.False(product.TryGetProperty("EAN", out _));
    }

    [Fact]
    public async Task GetProducts_by_upc_returns_every_product_sharing_it()
    {
        Sim.AddProduct(Merchant, new EcomdashProductSeed("TEE-S") { Upc = "5000000000017" });
        Sim.AddProduct(Merchant, new EcomdashProductSeed("TEE-M") { Upc = "5000000000017" });

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("inventory/getProducts", new { idType = "upc", idList = new[] { "5000000000017" } }));

        Assert.Equal(["TEE-S", "TEE-M"], envelope.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("Sku").GetString()));
    }

    [Theory]
    [InlineData("ean")]
    [InlineData("SKU")]
    [InlineData("id")]
    public async Task GetProducts_with_any_other_idType_is_a_failure(string idType)
    {
        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("inventory/getProducts", new { idType, idList = new[] { "x" } }));

        Assert.Equal("Failure", envelope.GetProperty("status").GetString());
        Assert.Contains("idType", EcomdashTestHost.Messages(envelope)[0]);
    }

    [Fact]
    public async Task Matching_on_ean_means_paging_the_inventory_list()
    {
        for (var i = 0; i < 5; i++) Sim.AddProduct(Merchant, new EcomdashProductSeed($"P-{i}"));
        var wanted = Sim.AddProduct(Merchant, new EcomdashProductSeed("P-EAN") { Ean = "4006381333931" });

        var found = new List<long>();
        var pages = 1;
        for (var page = 1; page <= pages; page++)
        {
            var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync($"Inventory?Type=Product&pageNumber={page}&resultsPerPage=4"));
            pages = envelope.GetProperty("pagination").GetProperty("TotalNumberOfPages").GetInt32();
            found.AddRange(envelope.GetProperty("data").EnumerateArray()
                .Where(p => p.GetProperty("Identifiers").TryGetProperty("EAN", out var ean) && ean.GetString() == "4006381333931")
                .Select(p => EcomdashTestHost.Id(p.GetProperty("Id"))));
        }

        Assert.Equal(2, pages);
        Assert.Equal([wanted], found);
    }

    [Fact]
    public async Task Inventory_list_filters_by_sku_substring_and_adds_blocks_only_when_included()
    {
        Sim.AddProduct(Merchant, new EcomdashProductSeed("CUP-BLUE") { Stock = [new(Api.Merchant.DefaultWarehouseId, 4)] });
        Sim.AddProduct(Merchant, new EcomdashProductSeed("PLATE"));

        var plain = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync("Inventory?Sku=cup"));
        var included = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync("Inventory?Sku=cup&include=Warehouses,GlobalListingAttributes"));

        var product = Assert.Single(plain.GetProperty("data").EnumerateArray());
        Assert.False(product.TryGetProperty("Warehouses", out _));
        var full = included.GetProperty("data")[0];
        Assert.Equal(4m, full.GetProperty("Warehouses")[0].GetProperty("QuantityOnHand").GetDecimal());
        Assert.Equal(9.99m, full.GetProperty("GlobalListingAttributes").GetProperty("Price").GetDecimal());
    }

    [Fact]
    public async Task Inventory_list_refuses_an_unknown_include_or_type()
    {
        var include = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync("Inventory?include=Prices"));
        var type = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync("Inventory?Type=Widget"));

        Assert.Equal("Failure", include.GetProperty("status").GetString());
        Assert.Equal("Failure", type.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Product_by_id_is_the_bare_product_and_accepts_a_decimal_id()
    {
        var id = Sim.AddProduct(Merchant, new EcomdashProductSeed("LAMP") { Ean = "4006381333931" });

        var response = await Api.GetAsync($"Inventory/{id}.0");

        var product = await EcomdashTestHost.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(product.TryGetProperty("status", out _));
        Assert.Equal("LAMP", product.GetProperty("Sku").GetString());
        Assert.Equal("4006381333931", product.GetProperty("Identifiers").GetProperty("EAN").GetString());
    }

    [Fact]
    public async Task Unknown_product_id_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("Inventory/1")).StatusCode);
    }

    [Fact]
    public async Task Quantity_update_is_partial_success_naming_unknown_and_inactive_skus_by_index()
    {
        var second = Sim.AddWarehouse(Merchant, "Overflow");
        var id = Sim.AddProduct(Merchant, new EcomdashProductSeed("MUG-RED"));
        Sim.AddProduct(Merchant, new EcomdashProductSeed("OLD-MUG") { IsActive = false });

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("inventory/updateQuantityOnHand", new object[]
        {
            new { Sku = "MUG-RED", Quantity = 7, WarehouseId = second },
            new { Sku = "aabbcc", Quantity = 1, WarehouseId = second },
            new { Sku = "OLD-MUG", Quantity = 1, WarehouseId = second },
        }));

        Assert.Equal("Partial Success", envelope.GetProperty("status").GetString());
        Assert.Equal(
            ["Index 1: No active products with SKU 'aabbcc' were found.", "Index 2: No active products with SKU 'OLD-MUG' were found."],
            EcomdashTestHost.Messages(envelope));
        Assert.False(envelope.TryGetProperty("data", out _));
        Assert.Equal(7m, Sim.Product(Merchant, id).QuantityByWarehouse[second]);
    }

    [Fact]
    public async Task Quantity_update_where_nothing_applies_is_a_failure()
    {
        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("inventory/updateQuantityOnHand", new[] { new { Sku = "NOPE", Quantity = 1 } }));

        Assert.Equal("Failure", envelope.GetProperty("status").GetString());
        Assert.Empty(Sim.QuantityUpdates(Merchant));
    }

    [Fact]
    public async Task Quantity_update_without_a_warehouse_sets_the_default_one_and_refuses_unknown_warehouses()
    {
        var id = Sim.AddProduct(Merchant, new EcomdashProductSeed("MUG-RED"));

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("inventory/updateQuantityOnHand", new object[]
        {
            new { Sku = "MUG-RED", Quantity = 3 },
            new { Sku = "MUG-RED", Quantity = 3, WarehouseId = 999999 },
        }));

        Assert.Equal("Partial Success", envelope.GetProperty("status").GetString());
        Assert.Equal(3m, Sim.Product(Merchant, id).QuantityByWarehouse[Api.Merchant.DefaultWarehouseId]);
        Assert.Single(Sim.QuantityUpdates(Merchant));
    }

    [Fact]
    public async Task Price_update_puts_the_whole_product_and_is_recorded()
    {
        var id = Sim.AddProduct(Merchant, new EcomdashProductSeed("LAMP") { Name = "Desk lamp", Price = 20m });

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PutAsync("Inventory", new
        {
            Id = id,
            Sku = "LAMP",
            Name = "Desk lamp",
            GlobalListingAttributes = new { ProductId = id, Price = 24.5m },
        }));

        Assert.Equal("Success", envelope.GetProperty("status").GetString());
        Assert.Equal(24.5m, envelope.GetProperty("data").GetProperty("GlobalListingAttributes").GetProperty("Price").GetDecimal());
        var update = Assert.Single(Sim.PriceUpdates(Merchant));
        Assert.Equal((20m, 24.5m), (update.OldPrice, update.Price));
    }

    [Fact]
    public async Task Price_update_with_only_id_and_price_is_refused()
    {
        var id = Sim.AddProduct(Merchant, new EcomdashProductSeed("LAMP"));

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PutAsync("Inventory", new { Id = id, GlobalListingAttributes = new { Price = 1m } }));

        Assert.Equal("Failure", envelope.GetProperty("status").GetString());
        Assert.Empty(Sim.PriceUpdates(Merchant));
    }

    [Fact]
    public async Task Warehouses_list_gives_the_ids_quantity_updates_need()
    {
        var overflow = Sim.AddWarehouse(Merchant, "Overflow");

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync("Warehouses"));

        Assert.Equal([Api.Merchant.DefaultWarehouseId, overflow], envelope.GetProperty("data").EnumerateArray().Select(w => EcomdashTestHost.Id(w.GetProperty("Id"))));
    }
}
