using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Ecomdash;

namespace Demo;

/// <summary>
/// The demo's Ecomdash merchant as an operator sets it up: its products in our catalogue, its shipping methods mapped
/// (all but "Click &amp; Collect", which shows an order waiting for a mapping), the store connected with the merchant's
/// ECD key and approved; and, once orders are done, its listings linked and synced.
/// </summary>
public static class EcomdashDemo
{
    public const string ConnectionId = "ecomdash-demo";

    private static readonly object[] Products =
    [
        new { sku = "MUG-RED", name = "Red enamel mug", weightGrams = 350, upc = "012345678905", price = "8.50", warehouseQuantities = new Dictionary<string, int> { ["MAIN"] = 38, ["LEEDS"] = 10 } },
        new { sku = "LAMP-DESK", name = "Desk lamp", weightGrams = 1200, ean = "4006381333931", quantityOnHand = 5, price = "36.00" },
        new { sku = "TEE-S", name = "Logo tee, small", weightGrams = 170, quantityOnHand = 8, price = "15.00" },
        new { sku = "TEE-M", name = "Logo tee, medium", weightGrams = 180, quantityOnHand = 12, price = "15.00" },
    ];

    private static readonly string[] MappedMethods =
        ["Standard Shipping", "Next Day", "Std UK Dom_1", "Exp UK Dom_1", "UK_RoyalMailSecondClassStandard", "UK_RoyalMailFirstClassStandard"];

    public static async Task ConnectAsync(DevStack stack, CancellationToken cancellationToken)
    {
        await Ensure(stack.Admin.PostAsJsonAsync("manage/products", Products, cancellationToken));
        await Ensure(stack.Admin.PutAsJsonAsync("manage/shipping-mappings", MappedMethods.Select(method => new
        {
            connectionId = ConnectionId,
            shippingMethod = method,
            carrier = "ClickAndDrop",
            carrierAccountId = DevStack.ClickAndDropAccountId,
            serviceCode = method.Contains("Next", StringComparison.Ordinal) || method.Contains("Exp", StringComparison.Ordinal) || method.Contains("First", StringComparison.Ordinal) ? "TRM24" : "TRM48",
            packageFormat = "smallParcel",
        }).ToArray(), cancellationToken));
        await Ensure(stack.Admin.PutAsJsonAsync($"manage/connections/{ConnectionId}", new
        {
            channel = "Ecomdash",
            tradingName = "Demo Goods on Ecomdash",
            settings = new { warehouses = "MAIN=ECD Warehouse;LEEDS=Leeds Overflow" },
            credentials = new { ecdSubscriptionKey = EcomdashDemoMerchant.EcdKey },
        }, cancellationToken));
        await stack.ApproveAsync(ConnectionId, cancellationToken);
    }

    /// <summary>Lists every catalogue product on the store, links and syncs them, and says what came of it.</summary>
    public static async Task<string> LinkAndSyncListingsAsync(DevStack stack, CancellationToken cancellationToken)
    {
        await Ensure(stack.Admin.PostAsJsonAsync($"manage/connections/{ConnectionId}/listings", new { allProducts = true }, cancellationToken));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var listings = JsonNode.Parse(await stack.Admin.GetStringAsync($"manage/connections/{ConnectionId}/listings", cancellationToken))!;
            var counts = listings["counts"]!;
            if (counts["Unlinked"]!.GetValue<int>() == 0 && listings["lastSync"]?["summary"]?.GetValue<string>() is { } synced && !synced.StartsWith("0 pushed", StringComparison.Ordinal))
                return $"{counts["Linked"]} linked, {counts["Unmatched"]} unmatched, {counts["Ambiguous"]} ambiguous; sync: {synced}";
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        return "listings were still being linked when the demo stopped waiting";
    }

    private static async Task Ensure(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
