using Sandbox.Ekm;

namespace Demo;

/// <summary>
/// An EKM shop for the local run, connected the way a real one is: the operator's connect call, the merchant's consent
/// at (simulated) EKM, our OAuth callback, then the operator's approval. Its orders show the EKM rules: paid orders in
/// Processing ship, an unpaid one is never imported, and a SKU only EKM knows waits with an unconfirmed weight.
/// </summary>
public static class EkmDemoShop
{
    public const string Username = "demo-ekm-shop";

    public static async Task ConnectAsync(DevStack stack, CancellationToken cancellationToken)
    {
        var ekm = stack.Sandbox.Ekm;
        ekm.CreateShop(Username);
        ekm.AddProduct(Username, new EkmProductSeed { ProductCode = "SOCKS-WOOL", Name = "Wool socks", ProductWeight = 0.12 });
        EkmOrderSeed Order(string sku, string method = "Royal Mail Tracked 24") => new()
        {
            Status = "PROCESSING",
            DeliveryMethod = method,
            Lines = [new EkmOrderLineSeed { ProductCode = sku }],
        };
        ekm.AddOrder(Username, Order("MUG-BLUE"), fireWebhook: false);
        ekm.AddOrder(Username, Order("CANDLE-SOY", "Royal Mail 1st Class"), fireWebhook: false);
        ekm.AddOrder(Username, Order("SOCKS-WOOL"), fireWebhook: false);
        ekm.AddOrder(Username, Order("MUG-BLUE") with { PaymentStatus = "FAILED" }, fireWebhook: false);

        var (status, page) = await stack.ConnectEkmShopAsync(Username, "Demo Goods Ltd", cancellationToken);
        if (status != 200)
            throw new InvalidOperationException($"Connecting the EKM demo shop answered {status}: {page}");
    }
}
