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
    public static async Task<ClickAndDropHarness> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? sandboxTime = null,
        string apiPrefix = ClickAndDropSimulator.ApiPrefix)
    {
        var harness = new ClickAndDropHarness(await SandboxHost.StartAsync(time: sandboxTime));
        var values = new Dictionary<string, string?>
        {
            ["ClickAndDrop:BaseUrl"] = harness.Sandbox.BaseUrl + apiPrefix,
            ["ClickAndDrop:RetryBaseDelay"] = "00:00:00.050",
        };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        var services = new ServiceCollection();
        services.AddSingleton<IDistributedRateGate>(new InMemoryRateGate(TimeProvider.System));
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

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
