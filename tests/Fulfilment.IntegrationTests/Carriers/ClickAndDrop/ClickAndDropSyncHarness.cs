using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Connections;
using Fulfilment.IntegrationTests.Infrastructure;
using Fulfilment.IntegrationTests.Storage;
using Fulfilment.Orders;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sandbox;
using Sandbox.ClickAndDrop;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>
/// The create and carrier-sync steps on a private Azurite (so the sync sees only this test's accounts) and the Click &amp;
/// Drop simulator, without the host: runs are fired by hand, and what each one did is read from storage and the simulator.
/// </summary>
internal sealed class ClickAndDropSyncHarness : IAsyncDisposable
{
    private static int _accounts;
    private readonly ServiceProvider _services;

    private ClickAndDropSyncHarness(AzuriteInstance azurite, SandboxHost sandbox, ServiceProvider services)
    {
        Azurite = azurite;
        Sandbox = sandbox;
        _services = services;
    }

    public AzuriteInstance Azurite { get; }
    public SandboxHost Sandbox { get; }
    public ClickAndDropSimulator Simulator => Sandbox.ClickAndDrop;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<ClickAndDropSyncHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var azurite = await AzuriteInstance.StartAsync();
        var sandbox = await SandboxHost.StartAsync();
        var values = new Dictionary<string, string?>
        {
            [StorageNames.ConnectionName] = azurite.ConnectionString,
            ["Secrets:ActiveKey"] = TestSecrets.ActiveKey,
            ["ClickAndDrop:BaseUrl"] = sandbox.BaseUrl + ClickAndDropSimulator.ApiPrefix,
            ["ClickAndDrop:RetryBaseDelay"] = "00:00:00.050",
            // Orders are created and looked up within seconds here.
            ["Pipeline:CarrierSettleSeconds"] = "0",
            // Each drain sends what is waiting, and each sync looks every open shipment up (as the end-to-end tests do).
            ["Pipeline:CreateBatchMaxWaitSeconds"] = "0",
            ["Pipeline:CarrierFullSyncSeconds"] = "0",
        };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IDistributedRateGate>(new InMemoryRateGate(TimeProvider.System));
        services.AddLogging();
        services.AddFulfilmentStorage(configuration);
        services.AddFulfilmentPipeline(configuration);
        services.AddClickAndDrop(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await provider.GetRequiredService<IStorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        return new ClickAndDropSyncHarness(azurite, sandbox, provider);
    }

    /// <summary>A simulator account (no warehouse: tests apply postage and despatch) and our carrier account for it, stored.</summary>
    public async Task<CarrierAccount> AccountAsync(bool isOba = true)
    {
        var id = $"rm-sync-{Interlocked.Increment(ref _accounts)}";
        var key = $"{id}-key-{Guid.NewGuid():N}";
        Simulator.AddAccount(id, key, isOba);
        var account = new CarrierAccount
        {
            Id = id, Carrier = ClickAndDropCarrier.CarrierName, TradingName = "Demo Store",
            Credentials = { [ClickAndDropAccount.ApiKey] = key },
            Settings = { [ClickAndDropAccount.OnlineBusinessAccount] = isOba ? "true" : "false" },
        };
        await Get<ICarrierAccountStore>().SaveAsync(account, default);
        return account;
    }

    /// <summary>Normalised orders waiting in the account's outbox, as NormaliseOrder leaves them; their keys.</summary>
    public async Task<List<OrderKey>> NormalisedOrdersAsync(CarrierAccount account, int count)
    {
        var keys = new List<OrderKey>();
        var connectionId = StorageTestContext.Unique("bigcommerce");
        for (var i = 1; i <= count; i++)
        {
            var key = new OrderKey(connectionId, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var now = DateTimeOffset.UtcNow;
            var order = new FulfilmentOrder(key, "BigCommerce", StorageTestContext.Snapshot(key.ChannelOrderId), now)
            {
                Plan = ClickAndDropPlans.Uk(key.CarrierReference) with { CarrierAccountId = account.Id },
            };
            order.MoveTo(OrderState.Normalised, now);
            Assert.True(await Get<IOrderStore>().TryAddAsync(order, default));
            await Get<IPendingShipmentStore>().AddAsync(account.Id, key, default);
            keys.Add(key);
        }
        return keys;
    }

    public Task<CreateShipmentsResult> CreateAsync() => Get<CreateShipmentsStep>().RunAsync(default);

    public Task<SyncResult> SyncAsync() => Get<SyncCarrierStatusStep>().RunAsync(default);

    public async Task<FulfilmentOrder> OrderAsync(OrderKey key) => (await Get<IOrderStore>().GetAsync(key, default))!;

    public async Task<ShipmentRecord> ShipmentAsync(CarrierAccount account, OrderKey key) =>
        (await Get<IShipmentStore>().GetAsync(account.Id, (await OrderAsync(key)).CarrierShipmentId!, default))!;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
