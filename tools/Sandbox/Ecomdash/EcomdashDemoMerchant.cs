namespace Sandbox.Ecomdash;

/// <summary>
/// A realistic demo merchant for local runs: keys <see cref="DeveloperKey"/> / <see cref="EcdKey"/>, two warehouses,
/// three carriers, products that exercise SKU, UPC (one shared) and EAN-only matching, and a dozen orders from the
/// last few days across storefronts and shipping methods.
/// </summary>
public static class EcomdashDemoMerchant
{
    public const string MerchantId = "ecd-demo";
    public const string DeveloperKey = "demo-ecomdash-developer-key";
    public const string EcdKey = "demo-ecomdash-integration-key";

    public static void Seed(EcomdashSimulator sim)
    {
        var now = sim.Time.GetUtcNow();
        sim.AddDeveloperKey(DeveloperKey);
        var merchant = sim.AddMerchant(new EcomdashMerchantSeed(MerchantId, EcdKey));
        var main = merchant.DefaultWarehouseId;
        var overflow = sim.AddWarehouse(MerchantId, "Leeds Overflow");
        foreach (var carrier in new[] { "Royal Mail", "DPD UK", "Evri" })
            sim.AddCarrier(MerchantId, carrier);

        sim.AddProduct(MerchantId, new EcomdashProductSeed("MUG-RED") { Name = "Red enamel mug", Upc = "012345678905", Price = 8.5m, Stock = [new(main, 40), new(overflow, 12)] });
        sim.AddProduct(MerchantId, new EcomdashProductSeed("MUG-BLUE") { Name = "Blue enamel mug", Upc = "012345678912", Price = 8.5m, Stock = [new(main, 25)] });
        sim.AddProduct(MerchantId, new EcomdashProductSeed("TEE-S") { Name = "Logo tee, small", Upc = "5000000000017", Price = 15m, Stock = [new(main, 9)] });
        sim.AddProduct(MerchantId, new EcomdashProductSeed("TEE-M") { Name = "Logo tee, medium", Upc = "5000000000017", Price = 15m, Stock = [new(main, 14)] });
        sim.AddProduct(MerchantId, new EcomdashProductSeed("LAMP-DESK") { Name = "Desk lamp", Ean = "4006381333931", Price = 34m, Stock = [new(overflow, 6)] });
        sim.AddProduct(MerchantId, new EcomdashProductSeed("SOCKS-OLD") { Name = "Discontinued socks", IsActive = false });

        var orders = new (string Storefront, string Method, EcomdashOrderStatus Status, double HoursAgo, EcomdashLineSeed[] Lines)[]
        {
            ("Web Store", "Standard Shipping", EcomdashOrderStatus.InProcess, 2, [new("MUG-RED", 2, 8.5m)]),
            ("Web Store", "Next Day", EcomdashOrderStatus.InProcess, 5, [new("LAMP-DESK", 1, 34m)]),
            ("Amazon UK", "Std UK Dom_1", EcomdashOrderStatus.InProcess, 9, [new("TEE-M", 1, 15m), new("MUG-BLUE", 1, 8.5m)]),
            ("Amazon UK", "Exp UK Dom_1", EcomdashOrderStatus.InProcess, 20, [new("TEE-S", 3, 15m)]),
            ("eBay", "UK_RoyalMailSecondClassStandard", EcomdashOrderStatus.InProcess, 26, [new("MUG-RED", 1, 8.5m)]),
            ("eBay", "UK_RoyalMailFirstClassStandard", EcomdashOrderStatus.InProcess, 30, [new("MUG-BLUE", 4, 8.5m)]),
            ("Web Store", "Standard Shipping", EcomdashOrderStatus.InProcess, 40, [new("MUG-RED", 1, 8.5m), new("GIFT-CARD-25", 1, 25m) { IsDigital = true }]),
            ("Web Store", "Click & Collect", EcomdashOrderStatus.InProcess, 44, [new("TEE-M", 2, 15m)]),
            ("Web Store", "Standard Shipping", EcomdashOrderStatus.New, 3, [new("LAMP-DESK", 1, 34m)]),
            ("Amazon UK", "Std UK Dom_1", EcomdashOrderStatus.Complete, 50, [new("MUG-RED", 1, 8.5m)]),
            ("Web Store", "Standard Shipping", EcomdashOrderStatus.InProcess, 24 * 9, [new("TEE-S", 1, 15m)]),
        };
        foreach (var (storefront, method, status, hoursAgo, lines) in orders)
            sim.AddOrder(MerchantId, new EcomdashOrderSeed
            {
                StorefrontName = storefront,
                ShippingMethod = method,
                Status = status,
                CreatedAt = now.AddHours(-hoursAgo),
                Lines = lines,
            });
    }
}
