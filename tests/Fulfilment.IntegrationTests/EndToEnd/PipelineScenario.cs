using System.Text.Json;
using Azure.Storage.Queues;
using Demo;
using Fulfilment.Storage;
using Microsoft.Extensions.DependencyInjection;
using Fulfilment.Orders;
using Sandbox.BigCommerce;
using Sandbox.ClickAndDrop;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>
/// A whole pipeline for one test: private Azurite, the simulators, the function app under the local Functions host,
/// a BigCommerce store with a known mix of orders, the demo catalogue and mappings, and the app installed by OAuth.
/// Timers never fire on their own here: tests fire them, so every step is deterministic.
/// </summary>
internal sealed class PipelineScenario : IAsyncDisposable
{
    public const string StoreHash = "e2estore";
    public const string ConnectionId = "bigcommerce-" + StoreHash;
    public const string Account = DevStack.ClickAndDropAccountId;

    private PipelineScenario(DevStack stack) => Stack = stack;

    public DevStack Stack { get; }
    public BigCommerceSimulator BigCommerce => Stack.Sandbox.BigCommerce;
    public ClickAndDropSimulator ClickAndDrop => Stack.Sandbox.ClickAndDrop;

    /// <summary>Channel order ids by what they are.</summary>
    public Dictionary<string, long> Orders { get; } = [];

    /// <summary>The orders that must become Click &amp; Drop orders.</summary>
    public IEnumerable<long> Eligible => new[] { "uk", "two-lines", "germany", "mixed" }.Select(k => Orders[k]);

    /// <param name="bigCommerceWebhooks">The app subscribes BigCommerce's order webhooks on install (to the LocalHost's http URL).</param>
    public static async Task<PipelineScenario> StartAsync(ITestOutputHelper output, IDictionary<string, string?>? settings = null, bool install = true,
        bool bigCommerceWebhooks = false)
    {
        var stack = await DevStack.StartAsync(new DevStackOptions
        {
            BigCommerceWebhooks = bigCommerceWebhooks,
            Settings = settings ?? new Dictionary<string, string?>(),
            EnableTimerSchedules = false,
            Log = line => Log(output, line),
        });
        var scenario = new PipelineScenario(stack);
        try
        {
            scenario.ClickAndDrop.AddAccount(Account, DevStack.ClickAndDropApiKey, isOba: true);
            scenario.BigCommerce.CreateStore(StoreHash, accessToken: null);
            scenario.SeedOrders();
            await stack.ConfigureDemoAsync();
            if (install)
                await stack.InstallBigCommerceAppAsync(StoreHash);
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
        var now = BigCommerce.Time.GetUtcNow();
        BigCommerceOrderSeed Order(int status, params BigCommerceProductSeed[] products) =>
            new() { StatusId = status, CreatedAt = now.AddHours(-3), ModifiedAt = now.AddHours(-2), Products = products };
        BigCommerceProductSeed Item(string sku, int quantity = 1, string type = "physical") => new() { Sku = sku, Quantity = quantity, Type = type, Weight = 1 };

        Orders["uk"] = BigCommerce.AddOrder(StoreHash, Order(9, Item("MUG-BLUE", 2))).Id;
        Orders["two-lines"] = BigCommerce.AddOrder(StoreHash, Order(9, Item("TEE-M-BLK"), Item("POSTER-A2")) with
        {
            ShippingAddresses = [new BigCommerceAddressSeed { ShippingMethod = "Royal Mail 1st Class" }],
        }).Id;
        Orders["germany"] = BigCommerce.AddOrder(StoreHash, Order(9, Item("CANDLE-SOY")) with
        {
            Currency = "EUR",
            ShippingAddresses = [new BigCommerceAddressSeed { City = "Berlin", Zip = "10115", Country = "Germany", CountryIso2 = "DE", ShippingMethod = "International Standard" }],
        }).Id;
        Orders["digital"] = BigCommerce.AddOrder(StoreHash, Order(9, Item("EBOOK-GUIDE", type: "digital"))).Id;
        Orders["mixed"] = BigCommerce.AddOrder(StoreHash, Order(9, Item("EBOOK-GUIDE", type: "digital"), Item("NOTEBOOK-A5"))).Id;
        Orders["unmapped"] = BigCommerce.AddOrder(StoreHash, Order(9, Item("MUG-BLUE")) with
        {
            ShippingAddresses = [new BigCommerceAddressSeed { ShippingMethod = "Same Day Courier" }],
        }).Id;
        Orders["unknown-sku"] = BigCommerce.AddOrder(StoreHash, Order(9, Item("SOCKS-RED-NEW"))).Id;
        Orders["pending"] = BigCommerce.AddOrder(StoreHash, Order(1, Item("MUG-BLUE"))).Id;
        Orders["completed"] = BigCommerce.AddOrder(StoreHash, Order(10, Item("MUG-BLUE"))).Id;
        Orders["too-old"] = BigCommerce.AddOrder(StoreHash, Order(9, Item("MUG-BLUE")) with { CreatedAt = now.AddDays(-10), ModifiedAt = now.AddDays(-10) }).Id;
    }

    public string ReferenceOf(long channelOrderId) => new OrderKey(ConnectionId, channelOrderId.ToString()).CarrierReference;

    /// <summary>Fires a timer function through the local host and waits until every queue it fed has drained.</summary>
    public async Task RunAsync(string timerFunction)
    {
        await Stack.Host.TriggerTimerAsync(timerFunction);
        await Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(90));
    }

    public async Task<Dictionary<long, OrderView>> OrdersByIdAsync() =>
        (await Stack.ListOrdersAsync()).ToDictionary(o => long.Parse(o.ChannelOrderId));

    /// <summary>Our stores on the scenario's Azurite, as the function app has them (to set up what a crash would leave).</summary>
    public ServiceProvider Stores()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFulfilmentStorage(Stack.AppConfiguration());
        return services.BuildServiceProvider();
    }

    public QueueClient Queue(string name) =>
        new(Stack.Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Puts a message on one of our queues exactly as our producers do (base64 of UTF-8 JSON).</summary>
    public async Task SendAsync(string queue, object message)
    {
        var client = Queue(queue);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync(JsonSerializer.Serialize(message, DevStack.Json));
    }

    private static void Log(ITestOutputHelper output, string line)
    {
        try { output.WriteLine(line); }
        catch (InvalidOperationException) { /* the test has finished; late host output is dropped */ }
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
