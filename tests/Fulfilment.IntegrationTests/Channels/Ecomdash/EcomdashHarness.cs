using Fulfilment.Channels;
using Fulfilment.Channels.Ecomdash;
using Fulfilment.Connections;
using Fulfilment.IntegrationTests.Infrastructure;
using Fulfilment.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sandbox;
using Sandbox.Ecomdash;

namespace Fulfilment.IntegrationTests.Channels.Ecomdash;

/// <summary>
/// The Sandbox in-process (on a clock the test moves) and the Ecomdash channel registered as production registers it,
/// on the shared Azurite, as one or more app instances: each has its own HttpClients and caches, and they share only
/// what the instances in Azure share, the merchant's quota and concurrency slots in Table Storage.
/// </summary>
internal sealed class EcomdashHarness : IAsyncDisposable
{
    public const string DeveloperKey = "it-ecomdash-developer-key";
    private readonly List<ServiceProvider> _instances;

    private EcomdashHarness(SandboxHost sandbox, ShiftedClock clock, List<ServiceProvider> instances)
    {
        Sandbox = sandbox;
        Clock = clock;
        _instances = instances;
    }

    public SandboxHost Sandbox { get; }
    public ShiftedClock Clock { get; }
    public EcomdashSimulator Simulator => Sandbox.Ecomdash;
    public EcomdashChannel Channel => Instance(0).GetRequiredService<EcomdashChannel>();
    public EcomdashListings Listings => Instance(0).GetRequiredService<EcomdashListings>();
    public EcomdashClient Client => Instance(0).GetRequiredService<EcomdashClient>();

    public IServiceProvider Instance(int index) => _instances[index];

    /// <summary>Each merchant's carrier ids by name.</summary>
    public Dictionary<string, Dictionary<string, long>> CarrierIds { get; } = [];

    public static async Task<EcomdashHarness> StartAsync(IDictionary<string, string?>? settings = null, int instances = 1)
    {
        var clock = new ShiftedClock();
        var sandbox = await SandboxHost.StartAsync(time: clock);
        sandbox.Ecomdash.AddDeveloperKey(DeveloperKey);
        var azurite = await AzuriteInstance.Shared;
        var values = new Dictionary<string, string?>
        {
            [StorageNames.ConnectionName] = azurite.ConnectionString,
            ["Secrets:ActiveKey"] = TestSecrets.ActiveKey,
            ["Ecomdash:BaseUrl"] = sandbox.BaseUrl + EcomdashSimulator.ApiPrefix,
            ["Ecomdash:DeveloperKey"] = DeveloperKey,
            ["Ecomdash:AttemptTimeout"] = "00:00:03",
            ["Ecomdash:ConcurrencyRetryDelay"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var providers = Enumerable.Range(0, instances)
            .Select(_ => new ServiceCollection().AddLogging().AddFulfilmentStorage(configuration).AddEcomdash(configuration).BuildServiceProvider(validateScopes: true))
            .ToList();
        await providers[0].GetRequiredService<IStorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        return new EcomdashHarness(sandbox, clock, providers);
    }

    /// <summary>A fresh merchant (its own quota) with the usual carriers, and the connection our pipeline would hold for it.</summary>
    public (ChannelConnection Connection, EcomdashMerchantCreated Merchant) NewMerchant(Func<EcomdashMerchantSeed, EcomdashMerchantSeed>? configure = null)
    {
        var id = "m" + Guid.NewGuid().ToString("N")[..10];
        var seed = new EcomdashMerchantSeed(id, "ecd-key-" + Guid.NewGuid().ToString("N"));
        seed = configure?.Invoke(seed) ?? seed;
        var merchant = Simulator.AddMerchant(seed);
        CarrierIds[id] = new[] { "Royal Mail", "DPD UK", "Evri" }.ToDictionary(c => c, c => Simulator.AddCarrier(id, c));
        var connection = new ChannelConnection
        {
            Id = "ecomdash-" + id,
            Channel = EcomdashChannel.ChannelName,
            StoreId = id,
            CreatedAt = DateTimeOffset.UtcNow,
            Credentials = { [EcomdashMerchant.EcdKeyField] = seed.EcdKey },
        };
        if (seed.ApplicationId is { } applicationId)
            connection.Credentials[EcomdashMerchant.ApplicationIdField] = applicationId;
        return (connection, merchant);
    }

    /// <summary>Every page the channel reads for the query, in order.</summary>
    public async Task<List<ChannelOrderPage>> ReadAllAsync(ChannelConnection connection, OrderQuery query, IChannel? channel = null)
    {
        var pages = new List<ChannelOrderPage>();
        await foreach (var page in (channel ?? Channel).ReadOrdersAsync(connection, query, CancellationToken.None))
            pages.Add(page);
        return pages;
    }

    /// <summary>Eligible orders since <paramref name="days"/> days ago on the simulator's clock, in Ecomdash's InProcess status.</summary>
    public OrderQuery Query(int days = 7, string status = "InProcess", OrderPosition? after = null)
    {
        var since = Clock.GetUtcNow().AddDays(-days);
        return new OrderQuery(after ?? OrderPosition.Before(since), since, status);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _instances)
            await provider.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
