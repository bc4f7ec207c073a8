using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Demo;
using Fulfilment.Carriers.Ekart;
using Fulfilment.Orders;
using Sandbox.BigCommerce;
using Sandbox.ClickAndDrop;
using Sandbox.Ekart;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>
/// A pipeline with two carriers for one test: the demo catalogue plus an Indian product, a BigCommerce store trading as
/// "Demo Goods Ltd" with Indian and UK orders, the Click &amp; Drop demo account and its mappings, an Ekart account (merchant
/// code, Token, location code, webhook secret), routing rules that send Indian orders to Ekart, and the Ekart simulator's
/// tracking webhooks pointed at our webhook route (function key and account in the URL). Timers fire only when a test
/// fires them; the Ekart courier moves only when a test moves it.
/// </summary>
internal sealed class EkartScenario : IAsyncDisposable
{
    public const string StoreHash = "e2eindia";
    public const string ConnectionId = "bigcommerce-" + StoreHash;
    public const string TradingName = "Demo Goods Ltd";
    public const string EkartAccountId = "ekart-in";
    public const string MerchantCode = "FFQ";
    public const string EkartToken = "ffq-merchant-token-e2e";
    public const string LocationCode = "FFQ_BLR_01";
    public const string WebhookSecret = "whsec-e2e-ekart-0001";
    public const string ClickAndDropAccount = DevStack.ClickAndDropAccountId;

    private EkartScenario(DevStack stack, string functionKey)
    {
        Stack = stack;
        FunctionKey = functionKey;
    }

    public DevStack Stack { get; }
    public string FunctionKey { get; }
    public BigCommerceSimulator BigCommerce => Stack.Sandbox.BigCommerce;
    public ClickAndDropSimulator ClickAndDrop => Stack.Sandbox.ClickAndDrop;
    public EkartSimulator Ekart => Stack.Sandbox.Ekart;

    /// <summary>Channel order ids by what they are.</summary>
    public Dictionary<string, long> Orders { get; } = [];

    /// <summary>Where Ekart's operations team would point the account's webhooks.</summary>
    public string WebhookUrl => $"{Stack.Host.BaseUrl}/api/carriers/ekart/webhook?code={Uri.EscapeDataString(FunctionKey)}&account={EkartAccountId}";

    public static async Task<EkartScenario> StartAsync(ITestOutputHelper output, IDictionary<string, string?>? settings = null, bool registerWebhook = true)
    {
        var values = new Dictionary<string, string?>
        {
            // A create that stalls is given up on quickly, so a "timeout" takes seconds, not minutes.
            ["Ekart__AttemptTimeout"] = "00:00:03",
            ["Ekart__TotalTimeout"] = "00:00:06",
            ["Ekart__RetryBaseDelay"] = "00:00:00.100",
            ["Pipeline__CarrierSettleSeconds"] = "2",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var stack = await DevStack.StartAsync(new DevStackOptions { Settings = values, EnableTimerSchedules = false, Log = line => Log(output, line) });
        var scenario = new EkartScenario(stack, stack.Admin.DefaultRequestHeaders.GetValues("x-functions-key").Single());
        try
        {
            scenario.ClickAndDrop.AddAccount(ClickAndDropAccount, DevStack.ClickAndDropApiKey, isOba: true);
            scenario.Ekart.AddMerchant(MerchantCode, EkartToken, LocationCode);
            scenario.Ekart.WebhookDelay = TimeSpan.FromMilliseconds(500);
            scenario.BigCommerce.CreateStore(StoreHash, accessToken: null);
            scenario.SeedOrders();
            await stack.ConfigureDemoAsync();
            await scenario.ConfigureEkartAsync();
            await stack.InstallBigCommerceAppAsync(StoreHash);
            await Ensure(stack.Admin.PatchAsJsonAsync($"manage/connections/{ConnectionId}", new { tradingName = TradingName }));
            if (registerWebhook)
                scenario.Ekart.RegisterWebhook(MerchantCode, scenario.WebhookUrl, WebhookSecret);
            return scenario;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Ekart account, an Indian product and the routing rules, through the management API as an operator would.</summary>
    private async Task ConfigureEkartAsync()
    {
        await Ensure(Stack.Admin.PutAsJsonAsync($"manage/carrier-accounts/{EkartAccountId}", new
        {
            carrier = "Ekart",
            tradingName = "Demo Goods India",
            settings = new { merchantCode = MerchantCode, locationCode = LocationCode },
            credentials = new { token = EkartToken, webhookSecret = WebhookSecret },
        }));
        await Ensure(Stack.Admin.PostAsJsonAsync("manage/products", new object[]
        {
            new { sku = "KURTA-COTTON", name = "Cotton kurta", weightGrams = 450, tariffCode = "62114290", originCountryCode = "IN" },
        }));
        await Ensure(Stack.Admin.PutAsJsonAsync("manage/routing-rules", new
        {
            tradingName = TradingName,
            rules = new object[]
            {
                new { name = "India", when = new { destinationCountries = new[] { "IN" } }, use = new { carrier = "Ekart", carrierAccountId = EkartAccountId, serviceCode = "REGULAR", packageFormat = "SMALL" } },
            },
        }));
    }

    private void SeedOrders()
    {
        var now = BigCommerce.Time.GetUtcNow();
        BigCommerceOrderSeed Order(params BigCommerceProductSeed[] products) =>
            new() { StatusId = 9, CreatedAt = now.AddHours(-3), ModifiedAt = now.AddHours(-2), Products = products };
        BigCommerceProductSeed Item(string sku, decimal price = 10m) => new() { Sku = sku, Quantity = 1, Price = price, Weight = 1 };
        BigCommerceAddressSeed India(string name) => new()
        {
            FirstName = name, LastName = "Rao", Street1 = "14 MG Road", City = "Bengaluru", State = "Karnataka", Zip = "560001",
            Country = "India", CountryIso2 = "IN", Phone = "+91 98450 12345", Email = "ananya@example.in", ShippingMethod = "Standard",
        };

        Orders["india"] = BigCommerce.AddOrder(StoreHash, Order(Item("KURTA-COTTON", 1399m)) with { Currency = "INR", ShippingAddresses = [India("Ananya")] }).Id;
        Orders["india-2"] = BigCommerce.AddOrder(StoreHash, Order(Item("KURTA-COTTON", 1399m)) with { Currency = "INR", ShippingAddresses = [India("Vikram")] }).Id;
        Orders["uk"] = BigCommerce.AddOrder(StoreHash, Order(Item("MUG-BLUE"))).Id;
        Orders["uk-2"] = BigCommerce.AddOrder(StoreHash, Order(Item("CANDLE-SOY"))).Id;
        // Neither a rule nor a mapping: France by "Standard".
        Orders["unrouted"] = BigCommerce.AddOrder(StoreHash, Order(Item("MUG-BLUE")) with
        {
            ShippingAddresses = [new BigCommerceAddressSeed { City = "Paris", Zip = "75005", Country = "France", CountryIso2 = "FR", ShippingMethod = "Standard" }],
        }).Id;
    }

    public string Id(string name) => Orders[name].ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Fires a timer function through the local host and waits until every queue it fed has drained.</summary>
    public async Task RunAsync(string timerFunction)
    {
        await Stack.Host.TriggerTimerAsync(timerFunction);
        await Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Waits until every webhook the simulator has queued is delivered and every queue message it caused is handled.</summary>
    public async Task SettleAsync()
    {
        await Ekart.FlushWebhooksAsync();
        await Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(90));
    }

    public async Task<Dictionary<long, OrderView>> OrdersByIdAsync() =>
        (await Stack.ListOrdersAsync()).ToDictionary(o => long.Parse(o.ChannelOrderId));

    public async Task<string> StateAsync(string name) => (await OrdersByIdAsync())[Orders[name]].State;

    /// <summary>The order's tracking id at Ekart (its carrier shipment id).</summary>
    public async Task<string> TrackingIdAsync(string name) =>
        (await OrdersByIdAsync())[Orders[name]].CarrierShipmentId ?? throw new InvalidOperationException($"Order {name} has no carrier shipment yet.");

    public async Task<JsonNode> TimelineAsync(string name, bool raw = false) =>
        JsonNode.Parse(await Stack.Admin.GetStringAsync($"manage/orders/{ConnectionId}/{Id(name)}/timeline{(raw ? "?raw=true" : "")}"))!;

    public Task<HttpResponseMessage> CancelAsync(string name, string reason = "the customer changed their mind") =>
        Stack.Admin.PostAsJsonAsync($"manage/orders/{ConnectionId}/{Id(name)}/cancel", new { reason });

    /// <summary>Posts a webhook body to our route as Ekart would, signed with <paramref name="secret"/> (or unsigned).</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string body, string? secret = WebhookSecret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
            request.Headers.Add(EkartSimulator.DefaultSignatureHeader, EkartWebhookSignature.Sign(Encoding.UTF8.GetBytes(body), secret));
        using var http = new HttpClient();
        return await http.SendAsync(request);
    }

    /// <summary>Runs CreateShipments until the order has its carrier shipment (a settle delay must pass after an ambiguous send).</summary>
    public async Task CreateUntilAsync(string name, string state = "ShipmentCreated", TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (await StateAsync(name) != state)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Order {name} did not become {state}; it is {await StateAsync(name)}.");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await RunAsync("CreateShipments");
        }
    }

    /// <summary>Polls a condition (never a fixed sleep as an assertion): true in time, or a TimeoutException saying what.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not in time: {what}.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    public static async Task Ensure(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static void Log(ITestOutputHelper output, string line)
    {
        try { output.WriteLine(line); }
        catch (InvalidOperationException) { /* the test has finished; late host output is dropped */ }
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
