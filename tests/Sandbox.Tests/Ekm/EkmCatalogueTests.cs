using System.Net;
using Sandbox.Ekm;

namespace Sandbox.Tests.Ekm;

/// <summary>GET /ekm/api/v1/settings/orderstatuses, /api/v1/products/{id} and /api/v1/products/search.</summary>
public sealed class EkmCatalogueTests
{
    [Fact]
    public async Task Order_statuses_are_the_spec_defaults_in_the_envelope()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.GetAsync("/ekm/api/v1/settings/orderstatuses", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statuses = (await EkmHarness.JsonAsync(response)).GetProperty("data").GetProperty("statuses").EnumerateArray().ToList();
        Assert.Equal(["Pending", "Processing", "Dispatched", "Complete", "Failed", "Declined", "Refunded"], statuses.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("#000099", statuses[0].GetProperty("colour").GetString());
        Assert.True(statuses[0].GetProperty("show_in_quick_stats").GetBoolean());
    }

    [Fact]
    public async Task A_custom_status_is_listed_used_upper_case_by_orders_and_accepted_by_status_updates()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.AddOrderStatus(EkmHarness.Shop, "Awaiting Stock", "#123456");
        var seeded = ekm.Simulator.AddOrder(EkmHarness.Shop, new EkmOrderSeed { Status = "AWAITING STOCK" });
        var tokens = await ekm.ConnectAsync();

        using var statuses = await ekm.GetAsync("/ekm/api/v1/settings/orderstatuses", tokens.AccessToken);
        using var order = await ekm.GetAsync($"/ekm/api/v2/orders/{seeded.Id}", tokens.AccessToken);
        using var update = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/orders/{seeded.Id}/status", tokens.AccessToken, """{"status":"AWAITING STOCK"}""");

        Assert.Contains("Awaiting Stock", (await EkmHarness.JsonAsync(statuses)).GetProperty("data").GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("AWAITING STOCK", (await EkmHarness.JsonAsync(order)).GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
    }

    [Fact]
    public async Task A_product_has_its_weight_code_gtin_and_mpn()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var id = ekm.Simulator.AddProduct(EkmHarness.Shop, new EkmProductSeed { ProductCode = "KETTLE-1", Name = "Kettle", ProductWeight = 1.2, Gtin = "5012345678900", Mpn = "KT-100" });
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.GetAsync($"/ekm/api/v1/products/{id}", tokens.AccessToken);

        var product = (await EkmHarness.JsonAsync(response)).GetProperty("data");
        Assert.Equal(id, product.GetProperty("id").GetInt64());
        Assert.Equal("KETTLE-1", product.GetProperty("product_code").GetString());
        Assert.Equal(1.2, product.GetProperty("product_weight").GetDouble());
        Assert.Equal("5012345678900", product.GetProperty("gtin").GetString());
        Assert.Equal("KT-100", product.GetProperty("mpn").GetString());
        Assert.Equal("Kettle", product.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Two_products_may_share_a_code_only_when_the_seed_says_so_and_search_finds_both()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.AddProduct(EkmHarness.Shop, new EkmProductSeed { ProductCode = "COPIED-1" });
        Assert.Throws<InvalidOperationException>(() => ekm.Simulator.AddProduct(EkmHarness.Shop, new EkmProductSeed { ProductCode = "COPIED-1" }));
        ekm.Simulator.AddProduct(EkmHarness.Shop, new EkmProductSeed { ProductCode = "COPIED-1", AllowDuplicateCode = true });
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.GetAsync($"/ekm/api/v1/products/search?query={Uri.EscapeDataString("product_code eq 'COPIED-1'")}", tokens.AccessToken);

        Assert.Equal(2, (await EkmHarness.JsonAsync(response)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task An_order_lines_product_id_leads_to_its_product()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.AddProduct(EkmHarness.Shop, new EkmProductSeed { ProductCode = "LAMP", ProductWeight = 2.5 });
        var seeded = ekm.Simulator.AddOrder(EkmHarness.Shop, new EkmOrderSeed { Lines = [new EkmOrderLineSeed { ProductCode = "LAMP" }] });
        var tokens = await ekm.ConnectAsync();
        using var items = await ekm.GetAsync($"/ekm/api/v2/orders/{seeded.Id}/items", tokens.AccessToken);
        var productId = (await EkmHarness.JsonAsync(items)).GetProperty("data")[0].GetProperty("product_id").GetInt64();

        using var product = await ekm.GetAsync($"/ekm/api/v1/products/{productId}", tokens.AccessToken);

        Assert.Equal(2.5, (await EkmHarness.JsonAsync(product)).GetProperty("data").GetProperty("product_weight").GetDouble());
    }

    [Fact]
    public async Task Products_are_found_by_product_code()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.AddProduct(EkmHarness.Shop, new EkmProductSeed { ProductCode = "A-100" });
        var wanted = ekm.Simulator.AddProduct(EkmHarness.Shop, new EkmProductSeed { ProductCode = "B-200" });
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.GetAsync("/ekm/api/v1/products/search?query=" + Uri.EscapeDataString("product_code eq 'B-200'"), tokens.AccessToken);

        var found = Assert.Single((await EkmHarness.JsonAsync(response)).GetProperty("data").EnumerateArray());
        Assert.Equal(wanted, found.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Product_search_needs_a_query_and_an_unknown_product_is_404()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();

        using var noQuery = await ekm.GetAsync("/ekm/api/v1/products/search", tokens.AccessToken);
        using var unknown = await ekm.GetAsync("/ekm/api/v1/products/424242", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, noQuery.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Product '424242' not found.", (await EkmHarness.JsonAsync(unknown)).GetProperty("validation_result")[0].GetProperty("error_message").GetString());
    }
}
