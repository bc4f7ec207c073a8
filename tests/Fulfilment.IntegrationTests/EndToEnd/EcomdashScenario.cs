using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Demo;
using Fulfilment.IntegrationTests.Channels.Ecomdash;
using Sandbox.ClickAndDrop;
using Sandbox.Ecomdash;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>
/// The whole pipeline for one test with an Ecomdash merchant: private Azurite, the simulators on a clock the test can
/// move, the function app under the local Functions host, the demo catalogue and mappings plus the Ecomdash shipping
/// methods, and (unless told not to) the merchant connected by an operator with its ECD key and approved.
/// </summary>
internal sealed class EcomdashScenario : IAsyncDisposable
{
    public const string MerchantId = "e2e-ecd";
    public const string EcdKey = "e2e-ecd-integration-key-0001";
    public const string ConnectionId = "ecomdash-" + MerchantId;
    public const string Account = DevStack.ClickAndDropAccountId;

    private EcomdashScenario(DevStack stack, ShiftedClock clock, EcomdashMerchantCreated merchant)
    {
        Stack = stack;
        Clock = clock;
        Merchant = merchant;
    }

    public DevStack Stack { get; }
    public ShiftedClock Clock { get; }
    public EcomdashMerchantCreated Merchant { get; }
    public EcomdashSimulator Ecomdash => Stack.Sandbox.Ecomdash;
    public ClickAndDropSimulator ClickAndDrop => Stack.Sandbox.ClickAndDrop;
    public Dictionary<string, long> CarrierIds { get; } = [];

    /// <summary>Ecomdash orders by what they are.</summary>
    public Dictionary<string, EcomdashSeededOrder> Orders { get; } = [];

    /// <summary>The orders that must become Click &amp; Drop orders.</summary>
    public IEnumerable<string> Eligible => ["uk", "two-lines", "mixed"];

    public static async Task<EcomdashScenario> StartAsync(ITestOutputHelper output, IDictionary<string, string?>? settings = null, bool connect = true)
    {
        var clock = new ShiftedClock();
        var all = new Dictionary<string, string?>
        {
            // A run put off (a lease held by a run still going) comes back quickly here.
            ["Listings__RetryDelaySeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var stack = await DevStack.StartAsync(new DevStackOptions
        {
            Settings = all,
            EnableTimerSchedules = false,
            SandboxTime = clock,
            Log = line => Log(output, line),
        });
        try
        {
            stack.Sandbox.Ecomdash.AddDeveloperKey(stack.Settings["Ecomdash__DeveloperKey"]!);
            var merchant = stack.Sandbox.Ecomdash.AddMerchant(new EcomdashMerchantSeed(MerchantId, EcdKey));
            var scenario = new EcomdashScenario(stack, clock, merchant);
            foreach (var carrier in new[] { "Royal Mail", "DPD UK" })
                scenario.CarrierIds[carrier] = scenario.Ecomdash.AddCarrier(MerchantId, carrier);
            scenario.ClickAndDrop.AddAccount(Account, DevStack.ClickAndDropApiKey, isOba: true);
            scenario.SeedOrders();
            await stack.ConfigureDemoAsync();
            await Ensure(stack.Admin.PutAsJsonAsync("manage/shipping-mappings", new object[]
            {
                new { connectionId = ConnectionId, shippingMethod = "Standard Shipping", carrier = "ClickAndDrop", carrierAccountId = Account, serviceCode = "TRM24", packageFormat = "smallParcel" },
                new { connectionId = ConnectionId, shippingMethod = "Next Day", carrier = "ClickAndDrop", carrierAccountId = Account, serviceCode = "TRM24", packageFormat = "smallParcel" },
            }));
            if (connect)
            {
                await Ensure(scenario.ConnectAsync());
                await stack.ApproveAsync(ConnectionId);
            }
            return scenario;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private void SeedOrders()
    {
        var now = Clock.GetUtcNow();
        EcomdashOrderSeed Order(string method, params EcomdashLineSeed[] lines) => new() { ShippingMethod = method, CreatedAt = now.AddHours(-3), Lines = lines };
        EcomdashSeededOrder Add(EcomdashOrderSeed seed) => Ecomdash.AddOrder(MerchantId, seed);

        Orders["uk"] = Add(Order("Standard Shipping", new EcomdashLineSeed("MUG-BLUE", 2)));
        Orders["two-lines"] = Add(Order("Next Day", new EcomdashLineSeed("TEE-M-BLK"), new EcomdashLineSeed("POSTER-A2")));
        Orders["mixed"] = Add(Order("Standard Shipping", new EcomdashLineSeed("NOTEBOOK-A5"), new EcomdashLineSeed("GIFT-CARD-25", 1, 25m) { IsDigital = true }));
        Orders["digital"] = Add(Order("Standard Shipping", new EcomdashLineSeed("GIFT-CARD-25", 1, 25m) { IsDigital = true }));
        Orders["unmapped"] = Add(Order("Click & Collect", new EcomdashLineSeed("CANDLE-SOY")));
        Orders["new"] = Add(Order("Standard Shipping", new EcomdashLineSeed("MUG-BLUE")) with { Status = EcomdashOrderStatus.New });
        Orders["complete"] = Add(Order("Standard Shipping", new EcomdashLineSeed("MUG-BLUE")) with { Status = EcomdashOrderStatus.Complete });
        Orders["too-old"] = Add(Order("Standard Shipping", new EcomdashLineSeed("MUG-BLUE")) with { CreatedAt = now.AddDays(-9) });
    }

    /// <summary>An operator connects the merchant: the connection's name and the merchant's ECD subscription key.</summary>
    public Task<HttpResponseMessage> ConnectAsync(string? key = EcdKey, object? settings = null) =>
        Stack.Admin.PutAsJsonAsync($"manage/connections/{ConnectionId}", new
        {
            channel = "Ecomdash",
            tradingName = "E2E Ecomdash Store",
            settings = settings ?? new { },
            credentials = key is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["ecdSubscriptionKey"] = key },
        });

    public static string IdOf(EcomdashSeededOrder order) => order.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Fires a timer function through the local host and waits until every queue it fed has drained.</summary>
    public async Task RunAsync(string timerFunction)
    {
        await Stack.Host.TriggerTimerAsync(timerFunction);
        await Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(120));
    }

    /// <summary>This connection's orders by channel order id.</summary>
    public async Task<Dictionary<string, OrderView>> OrdersAsync() =>
        (await Stack.ListOrdersAsync()).Where(o => o.ConnectionId == ConnectionId).ToDictionary(o => o.ChannelOrderId);

    public async Task SendAsync(string queue, object message)
    {
        var client = new QueueClient(Stack.Azurite.ConnectionString, queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync(JsonSerializer.Serialize(message, DevStack.Json));
    }

    public static async Task Ensure(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static void Log(ITestOutputHelper output, string line)
    {
        try { output.WriteLine(line); }
        catch (InvalidOperationException) { /* the test has finished; late host output is dropped */ }
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
