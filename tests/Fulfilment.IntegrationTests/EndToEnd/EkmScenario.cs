using System.Text.Json.Nodes;
using Demo;
using Sandbox.ClickAndDrop;
using Sandbox.Ekm;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>
/// A whole pipeline for one EKM test: private Azurite, the simulators, the function app under the local Functions host,
/// the demo catalogue and mappings, and an EKM shop connected through the management API and EKM's consent (and
/// approved, unless told not to). Timers fire only when the test fires them.
/// </summary>
internal sealed class EkmScenario : IAsyncDisposable
{
    public const string Shop = "e2eshop";
    public const string ConnectionId = "ekm-" + Shop;
    public const string Account = DevStack.ClickAndDropAccountId;

    private readonly ITestOutputHelper _output;

    private EkmScenario(DevStack stack, ITestOutputHelper output)
    {
        Stack = stack;
        _output = output;
    }

    public DevStack Stack { get; }
    public EkmSimulator Ekm => Stack.Sandbox.Ekm;
    public ClickAndDropSimulator ClickAndDrop => Stack.Sandbox.ClickAndDrop;

    public static async Task<EkmScenario> StartAsync(ITestOutputHelper output, bool connect = true, IDictionary<string, string?>? settings = null)
    {
        var stack = await DevStack.StartAsync(new DevStackOptions
        {
            Settings = settings ?? new Dictionary<string, string?>(),
            EnableTimerSchedules = false,
            Log = line => Log(output, line),
        });
        var scenario = new EkmScenario(stack, output);
        try
        {
            scenario.ClickAndDrop.AddAccount(Account, DevStack.ClickAndDropApiKey, isOba: true);
            scenario.Ekm.CreateShop(Shop);
            await stack.ConfigureDemoAsync();
            if (connect)
            {
                var (status, page) = await stack.ConnectEkmShopAsync(Shop, "E2E Candles Ltd");
                Assert.True(status == 200, page);
            }
            return scenario;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>A paid order in Processing for a SKU our catalogue has, on a mapped shipping method.</summary>
    public static EkmOrderSeed PaidOrder(string sku = "MUG-BLUE", int quantity = 1) => new()
    {
        Status = "PROCESSING",
        DeliveryMethod = "Royal Mail Tracked 24",
        Lines = [new EkmOrderLineSeed { ProductCode = sku, Quantity = quantity }],
    };

    /// <summary>Fires a timer function through the local host and waits until every queue it fed has drained.</summary>
    public async Task RunAsync(string timerFunction, int idleSeconds = 120)
    {
        await Stack.Host.TriggerTimerAsync(timerFunction);
        await Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(idleSeconds));
    }

    public async Task<Dictionary<long, OrderView>> OrdersByIdAsync() =>
        (await Stack.ListOrdersAsync()).ToDictionary(o => long.Parse(o.ChannelOrderId));

    public async Task<JsonNode> ConnectionAsync() =>
        JsonNode.Parse(await Stack.Admin.GetStringAsync($"manage/connections/{ConnectionId}"))!;

    public string ReferenceOf(long orderId) => new Fulfilment.Orders.OrderKey(ConnectionId, orderId.ToString()).CarrierReference;

    private static void Log(ITestOutputHelper output, string line)
    {
        try { output.WriteLine(line); }
        catch (InvalidOperationException) { /* the test has finished; late host output is dropped */ }
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
