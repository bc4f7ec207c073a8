using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Ecomdash;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>Listings end to end with Ecomdash: link by SKU, UPC and EAN; sync per warehouse and price, on change; the export feed.</summary>
public class ListingsEndToEndTests(ITestOutputHelper output)
{
    /// <summary>Our catalogue (the demo's SKUs) with the identifiers, stock and prices listings use.</summary>
    private static readonly object[] Catalogue =
    [
        new { sku = "MUG-BLUE", name = "Blue enamel mug", weightGrams = 350, price = "8.50", warehouseQuantities = new { MAIN = 40, LEEDS = 12 } },
        new { sku = "TEE-M-BLK", name = "Black T-shirt (M)", weightGrams = 180, upc = "036000291452", quantityOnHand = 9, price = "15" },
        new { sku = "POSTER-A2", name = "A2 art poster", weightGrams = 220, ean = "4006381333931", quantityOnHand = 4, price = "12.00" },
        new { sku = "NOTEBOOK-A5", name = "A5 dot-grid notebook", weightGrams = 300, upc = "012345678905", quantityOnHand = 30, price = "6.5" },
        new { sku = "CANDLE-SOY", name = "Soy wax candle", weightGrams = 410, quantityOnHand = 11, price = "14" },
    ];

    private sealed record Seeded(long MugBlue, long TeeBlack, long PosterOld, long Leeds);

    private static async Task<(EcomdashScenario Scenario, Seeded Products)> StartAsync(ITestOutputHelper output)
    {
        var scenario = await EcomdashScenario.StartAsync(output, connect: false);
        var sim = scenario.Ecomdash;
        const string m = EcomdashScenario.MerchantId;
        var leeds = sim.AddWarehouse(m, "Leeds Overflow");
        var products = new Seeded(
            sim.AddProduct(m, new EcomdashProductSeed("MUG-BLUE") { Price = 7m }),
            sim.AddProduct(m, new EcomdashProductSeed("TEE-BLACK-M") { Upc = "036000291452" }),
            sim.AddProduct(m, new EcomdashProductSeed("POSTER-OLD") { Ean = "4006381333931" }),
            leeds);
        sim.AddProduct(m, new EcomdashProductSeed("NB-1") { Upc = "012345678905" });
        sim.AddProduct(m, new EcomdashProductSeed("NB-2") { Upc = "012345678905" });
        await EcomdashScenario.Ensure(scenario.ConnectAsync(settings: new { warehouses = "MAIN=ECD Warehouse;LEEDS=Leeds Overflow" }));
        await scenario.Stack.ApproveAsync(EcomdashScenario.ConnectionId);
        await EcomdashScenario.Ensure(scenario.Stack.Admin.PostAsJsonAsync("manage/products", Catalogue));
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));
        return (scenario, products);
    }

    private static async Task<JsonNode> ListingsAsync(EcomdashScenario scenario, string? status = null) =>
        JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/connections/{EcomdashScenario.ConnectionId}/listings{(status is null ? "" : "?status=" + status)}"))!;

    private static JsonNode Listing(JsonNode listings, string sku) => listings["listings"]!.AsArray().Single(l => l!["sku"]!.GetValue<string>() == sku)!;

    [Fact]
    public async Task Listings_link_by_sku_then_upc_then_ean_report_the_rest_and_sync_stock_per_warehouse_and_price()
    {
        var (scenario, products) = await StartAsync(output);
        await using var _ = scenario;

        using var created = await scenario.Stack.Admin.PostAsJsonAsync($"manage/connections/{EcomdashScenario.ConnectionId}/listings", new { allProducts = true });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(120));

        var listings = await ListingsAsync(scenario);
        Assert.Equal(3, listings["counts"]!["Linked"]!.GetValue<int>());
        Assert.Equal(1, listings["counts"]!["Unmatched"]!.GetValue<int>());
        Assert.Equal(1, listings["counts"]!["Ambiguous"]!.GetValue<int>());
        Assert.Equal(("Linked", "Sku", "MUG-BLUE"), Link(Listing(listings, "MUG-BLUE")));
        Assert.Equal(("Linked", "Upc", "TEE-BLACK-M"), Link(Listing(listings, "TEE-M-BLK")));
        Assert.Equal(("Linked", "Ean", "POSTER-OLD"), Link(Listing(listings, "POSTER-A2")));
        Assert.Contains("UPC 012345678905 matches 2 Ecomdash products", Listing(listings, "NOTEBOOK-A5")["linkProblem"]!.GetValue<string>());
        Assert.Equal("No Ecomdash product has SKU CANDLE-SOY.", Listing(listings, "CANDLE-SOY")["linkProblem"]!.GetValue<string>());
        var unmatched = await ListingsAsync(scenario, "Unmatched");
        Assert.Equal(["CANDLE-SOY"], unmatched["listings"]!.AsArray().Select(l => l!["sku"]!.GetValue<string>()));

        // Linking queued a sync: stock per warehouse (our MAIN and LEEDS mapped by the connection), totals to the default, prices.
        var mug = scenario.Ecomdash.Product(EcomdashScenario.MerchantId, products.MugBlue);
        Assert.Equal(new Dictionary<long, decimal> { [scenario.Merchant.DefaultWarehouseId] = 40m, [products.Leeds] = 12m }, mug.QuantityByWarehouse);
        Assert.Equal(8.5m, mug.Price);
        Assert.Equal(9m, scenario.Ecomdash.Product(EcomdashScenario.MerchantId, products.TeeBlack).QuantityByWarehouse[scenario.Merchant.DefaultWarehouseId]);
        Assert.Equal(12m, scenario.Ecomdash.Product(EcomdashScenario.MerchantId, products.PosterOld).Price);
        var run = (await ListingsAsync(scenario))["lastSync"]!;
        Assert.Equal("3 pushed, 0 failed, 0 unchanged", run["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_catalogue_change_is_pushed_at_once_and_an_item_ecomdash_refuses_fails_alone_and_says_why()
    {
        var (scenario, products) = await StartAsync(output);
        await using var _ = scenario;
        await EcomdashScenario.Ensure(scenario.Stack.Admin.PostAsJsonAsync($"manage/connections/{EcomdashScenario.ConnectionId}/listings", new { allProducts = true }));
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(120));
        var before = scenario.Ecomdash.QuantityUpdates(EcomdashScenario.MerchantId).Count;

        // The merchant retires the poster in Ecomdash; our stock of the poster and the tee changes.
        scenario.Ecomdash.SetProductActive(EcomdashScenario.MerchantId, products.PosterOld, false);
        await EcomdashScenario.Ensure(scenario.Stack.Admin.PostAsJsonAsync("manage/products", new object[]
        {
            new { sku = "POSTER-A2", name = "A2 art poster", weightGrams = 220, ean = "4006381333931", quantityOnHand = 3, price = "12.00" },
            new { sku = "TEE-M-BLK", name = "Black T-shirt (M)", weightGrams = 180, upc = "036000291452", quantityOnHand = 7, price = "15" },
        }));
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(7m, scenario.Ecomdash.Product(EcomdashScenario.MerchantId, products.TeeBlack).QuantityByWarehouse[scenario.Merchant.DefaultWarehouseId]);
        var failed = await ListingsAsync(scenario, "SyncFailed");
        var poster = Assert.Single(failed["listings"]!.AsArray())!;
        Assert.Equal("POSTER-A2", poster["sku"]!.GetValue<string>());
        Assert.Contains("No active products with SKU 'POSTER-OLD' were found.", poster["syncProblem"]!.GetValue<string>());
        Assert.Contains("1 listing(s) failed", failed["lastSync"]!["problem"]!.GetValue<string>());
        // Only what changed was pushed: the tee's total (the poster's was refused); the mug was left alone.
        Assert.Equal(["TEE-BLACK-M"], scenario.Ecomdash.QuantityUpdates(EcomdashScenario.MerchantId).Skip(before).Select(u => u.Sku));

        // The timer changes nothing that is in step; the refused item is tried again.
        before = scenario.Ecomdash.QuantityUpdates(EcomdashScenario.MerchantId).Count;
        await scenario.RunAsync("ScheduleListingSync");
        Assert.Empty(scenario.Ecomdash.QuantityUpdates(EcomdashScenario.MerchantId).Skip(before));
        Assert.Single((await ListingsAsync(scenario, "SyncFailed"))["listings"]!.AsArray());

        // The same sync delivered twice at once: one runs, the other stands down or finds nothing changed.
        var message = new Fulfilment.Listings.SyncListingsMessage(EcomdashScenario.ConnectionId);
        await Task.WhenAll(scenario.SendAsync(Fulfilment.Storage.StorageNames.Queues.ListingSync, message),
            scenario.SendAsync(Fulfilment.Storage.StorageNames.Queues.ListingSync, message));
        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(120));
        Assert.Empty(scenario.Ecomdash.QuantityUpdates(EcomdashScenario.MerchantId).Skip(before));
        Assert.Single(scenario.Ecomdash.PriceUpdates(EcomdashScenario.MerchantId), p => p.Sku == "TEE-BLACK-M");
    }

    [Fact]
    public async Task The_export_feed_is_served_behind_its_secret_link_which_can_be_rotated_and_revoked()
    {
        var (scenario, _) = await StartAsync(output);
        await using var __ = scenario;
        await EcomdashScenario.Ensure(scenario.Stack.Admin.PostAsJsonAsync($"manage/connections/{EcomdashScenario.ConnectionId}/listings",
            new { skus = new[] { "MUG-BLUE", "CANDLE-SOY", "NOT-OURS" }, link = false }));
        var path = $"manage/connections/{EcomdashScenario.ConnectionId}/export-link";
        using var anonymous = new HttpClient();

        var first = JsonNode.Parse(await (await scenario.Stack.Admin.PostAsync(path, null)).Content.ReadAsStringAsync())!["url"]!.GetValue<string>();
        using var feed = await anonymous.GetAsync(first);
        var csv = await feed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/csv", feed.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            ["SKU,Name,Quantity,Price,UPC,EAN,Weight (g)", "CANDLE-SOY,Soy wax candle,11,14,,,410", "MUG-BLUE,Blue enamel mug,52,8.5,,,350"],
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first[..^3] + "abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first.Replace("/export/", "/export/x", StringComparison.Ordinal))).StatusCode);
        var shown = await scenario.Stack.Admin.GetStringAsync($"manage/connections/{EcomdashScenario.ConnectionId}/listings") + await scenario.Stack.Admin.GetStringAsync(path);
        Assert.DoesNotContain(first[(first.IndexOf("key=", StringComparison.Ordinal) + 4)..], shown);

        var second = JsonNode.Parse(await (await scenario.Stack.Admin.PostAsync(path, null)).Content.ReadAsStringAsync())!["url"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Stack.Admin.DeleteAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second)).StatusCode);
        Assert.False(JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync(path))!["issued"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_channel_list_says_ecomdash_cannot_publish_listings()
    {
        await using var scenario = await EcomdashScenario.StartAsync(output, connect: false);

        var channels = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("manage/channels"))!.AsArray();

        var ecomdash = channels.Single(c => c!["name"]!.GetValue<string>() == "Ecomdash")!;
        Assert.StartsWith("Publish Listings is not supported by Ecomdash", ecomdash["notSupported"]!["PublishListings"]!.GetValue<string>());
        Assert.Contains("SyncListings", ecomdash["capabilities"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Contains("ecdSubscriptionKey", ecomdash["credentials"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    private static (string, string, string) Link(JsonNode listing) =>
        (listing["status"]!.GetValue<string>(), listing["matchedBy"]!.GetValue<string>(), listing["channelSku"]!.GetValue<string>());
}
