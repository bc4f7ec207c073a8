using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Connections;
using Fulfilment.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sandbox;
using Sandbox.ClickAndDrop;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>The Sandbox in-process plus the carrier registered as production registers it, pointed at the simulator.</summary>
internal sealed class ClickAndDropHarness : IAsyncDisposable
{
    private static int _accounts;
    private ServiceProvider? _services;

    private ClickAndDropHarness(SandboxHost sandbox) => Sandbox = sandbox;

    public SandboxHost Sandbox { get; }
    public ClickAndDropSimulator Simulator => Sandbox.ClickAndDrop;
    public ClickAndDropCarrier Carrier => _services!.GetRequiredService<ClickAndDropCarrier>();

    /// <param name="apiPrefix">Where the client thinks the API is; another path plays a wrong base URL.</param>
    /// <param name="gateWindow">The test rate gate's window (default 1.2 s: a little over the second Click &amp; Drop counts in).</param>
    public static async Task<ClickAndDropHarness> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? sandboxTime = null,
        string apiPrefix = ClickAndDropSimulator.ApiPrefix, TimeSpan? gateWindow = null)
    {
        var harness = new ClickAndDropHarness(await SandboxHost.StartAsync(time: sandboxTime));
        await harness.WarmUpAsync();
        var values = new Dictionary<string, string?>
        {
            ["ClickAndDrop:BaseUrl"] = harness.Sandbox.BaseUrl + apiPrefix,
            ["ClickAndDrop:RetryBaseDelay"] = "00:00:00.050",
        };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        var services = new ServiceCollection();
        services.AddSingleton<IDistributedRateGate>(new InMemoryRateGate(TimeProvider.System, gateWindow));
        services.AddClickAndDrop(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        harness._services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return harness;
    }

    /// <summary>A fresh simulator account (so counters start at zero) and our matching carrier account.</summary>
    public CarrierAccount NewAccount(bool isOba = true, ClickAndDropWarehouse? warehouse = null)
    {
        var id = $"rm-test-{Interlocked.Increment(ref _accounts)}";
        var key = $"{id}-key-{Guid.NewGuid():N}";
        Simulator.AddAccount(id, key, isOba, warehouse);
        return new CarrierAccount
        {
            Id = id, Carrier = "ClickAndDrop", TradingName = "Demo Store",
            Credentials = { ["apiKey"] = key }, Settings = { ["onlineBusinessAccount"] = isOba ? "true" : "false" },
        };
    }

    /// <summary>
    /// Calls each route the carrier uses once, on an account of its own, before any test does: the first call to a route
    /// builds its handler, which on a busy machine can take longer than the short timeouts some tests set.
    /// </summary>
    private async Task WarmUpAsync()
    {
        const string key = "warm-up-key";
        Simulator.AddAccount("warm-up", key, isOba: true);
        using var http = new HttpClient { BaseAddress = new Uri(Sandbox.BaseUrl + ClickAndDropSimulator.ApiPrefix + "/") };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", key);
        using var create = await http.PostAsync("orders", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var lookup = await http.GetAsync("orders/%22warm-up%22;1");
        using var label = await http.GetAsync("orders/1/label?documentType=postageLabel&includeReturnsLabel=false");
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
