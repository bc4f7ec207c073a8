using System.Net.Http.Json;
using Sandbox.BigCommerce;
using Sandbox.Ekart;

namespace Demo;

/// <summary>
/// The demo's second carrier as an operator sets it up: an Ekart account (merchant code, Token, pickup location,
/// webhook secret), an Indian product, a routing rule sending the demo store's Indian orders to Ekart, and Ekart's
/// tracking webhooks pointed at our carrier webhook route. The simulated courier picks parcels up within seconds, so
/// these orders are despatched by Ekart's pickup event and written back like the Click &amp; Drop ones.
/// </summary>
public static class EkartDemo
{
    public const string AccountId = "ekart-demo";
    public const string MerchantCode = "DGI";
    public const string TradingName = "Demo Goods Ltd";
    // Sandbox values, not secrets: the simulator and the demo share them.
    private const string Token = "dgi-demo-ekart-token";
    private const string LocationCode = "DGI_BLR_01";
    private const string WebhookSecret = "demo-ekart-webhook-secret";

    /// <summary>Adds two Indian orders to the demo store; call before the first poll.</summary>
    public static void SeedOrders(DevStack stack)
    {
        var now = stack.Sandbox.BigCommerce.Time.GetUtcNow();
        foreach (var (first, city, zip, state) in new[] { ("Ananya", "Bengaluru", "560001", "Karnataka"), ("Vikram", "Mumbai", "400001", "Maharashtra") })
        {
            stack.Sandbox.BigCommerce.AddOrder(DevStack.DemoStoreHash, new BigCommerceOrderSeed
            {
                StatusId = 9,
                Currency = "INR",
                CreatedAt = now.AddHours(-2),
                ModifiedAt = now.AddHours(-1),
                Products = [new BigCommerceProductSeed { Sku = "KURTA-COTTON", Name = "Cotton kurta", Quantity = 1, Price = 1399m, Weight = 450 }],
                ShippingAddresses =
                [
                    new BigCommerceAddressSeed
                    {
                        FirstName = first, LastName = "Rao", Street1 = "14 MG Road", City = city, State = state, Zip = zip,
                        Country = "India", CountryIso2 = "IN", Phone = "+91 98450 12345", Email = $"{first.ToLowerInvariant()}@example.in",
                        ShippingMethod = "Standard",
                    },
                ],
            });
        }
    }

    /// <summary>
    /// The Ekart account, the Indian product and the routing rule through the management API (the demo store trades as
    /// the rule's trading name); Ekart's side in the simulator. Call after the store is installed.
    /// </summary>
    public static async Task ConfigureAsync(DevStack stack, CancellationToken cancellationToken)
    {
        await Ensure(stack.Admin.PatchAsJsonAsync($"manage/connections/{DevStack.BigCommerceConnectionId(DevStack.DemoStoreHash)}", new { tradingName = TradingName }, cancellationToken));
        var ekart = stack.Sandbox.Ekart;
        ekart.AddMerchant(MerchantCode, Token, LocationCode);
        ekart.SetCourier(MerchantCode, EkartCourierSchedule.Quick);
        await Ensure(stack.Admin.PutAsJsonAsync($"manage/carrier-accounts/{AccountId}", new
        {
            carrier = "Ekart",
            tradingName = "Demo Goods India",
            settings = new { merchantCode = MerchantCode, locationCode = LocationCode },
            credentials = new { token = Token, webhookSecret = WebhookSecret },
        }, cancellationToken));
        await Ensure(stack.Admin.PostAsJsonAsync("manage/products", new object[]
        {
            new { sku = "KURTA-COTTON", name = "Cotton kurta", weightGrams = 450, tariffCode = "62114290", originCountryCode = "IN" },
        }, cancellationToken));
        await Ensure(stack.Admin.PutAsJsonAsync("manage/routing-rules", new
        {
            tradingName = TradingName,
            rules = new object[]
            {
                new { name = "India", when = new { destinationCountries = new[] { "IN" } }, use = new { carrier = "Ekart", carrierAccountId = AccountId, serviceCode = "REGULAR", packageFormat = "SMALL" } },
            },
        }, cancellationToken));
        // Where Ekart's operations team would point the account's webhooks: our route, with a function key and the account.
        var functionKey = stack.Admin.DefaultRequestHeaders.GetValues("x-functions-key").Single();
        ekart.RegisterWebhook(MerchantCode, $"{stack.Host.BaseUrl}/api/carriers/ekart/webhook?code={Uri.EscapeDataString(functionKey)}&account={AccountId}", WebhookSecret);
    }

    private static async Task Ensure(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
