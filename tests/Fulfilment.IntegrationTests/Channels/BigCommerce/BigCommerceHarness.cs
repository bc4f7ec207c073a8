using Fulfilment.Channels;
using Fulfilment.Channels.BigCommerce;
using Fulfilment.Connections;
using Fulfilment.IntegrationTests.Infrastructure;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sandbox;
using Sandbox.BigCommerce;

namespace Fulfilment.IntegrationTests.Channels.BigCommerce;

/// <summary>The Sandbox in-process plus the BigCommerce channel registered as production registers it, pointed at the simulator.</summary>
internal sealed class BigCommerceHarness : IAsyncDisposable
{
    public const string ClientId = "it-client-id";
    public const string ClientSecret = "it-client-secret-0123456789abcdef0123456789";
    public const string AuthCallbackUrl = "https://fulfilment.example/api/bigcommerce/auth";
    private static int _stores;
    private readonly ServiceProvider _services;

    private BigCommerceHarness(SandboxHost sandbox, ServiceProvider services)
    {
        Sandbox = sandbox;
        _services = services;
    }

    public SandboxHost Sandbox { get; }
    public BigCommerceSimulator Simulator => Sandbox.BigCommerce;
    public IChannel Channel => _services.GetServices<IChannel>().Single(c => c.Descriptor.Name == "BigCommerce");
    public BigCommerceClient Client => _services.GetRequiredService<BigCommerceClient>();
    public BigCommerceAppAuth AppAuth => _services.GetRequiredService<BigCommerceAppAuth>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>With storage: what our partner-neutral route channels/bigcommerce/{action} hands requests to.</summary>
    public Fulfilment.Partners.IChannelCallbacks Callbacks =>
        _services.GetServices<Fulfilment.Partners.IChannelCallbacks>().Single(c => c.Partner == BigCommerceChannel.ChannelName);

    /// <summary>With storage: every message sent to our queues (they also reach the real queues on Azurite).</summary>
    public RecordingWorkQueue Queue => _services.GetRequiredService<RecordingWorkQueue>();

    /// <summary>
    /// Starts the Sandbox and the channel. With a <paramref name="time"/> (a <see cref="VirtualClock"/>) both run on it,
    /// and the client's timeouts are an hour so that only waits, never slow requests, move the clock.
    /// </summary>
    /// <param name="storage">Also the real storage on the shared Azurite and the pipeline's services (webhooks, hints).</param>
    /// <summary>
    /// Orders read the way BigCommerce's defaults give them (lines and addresses as separate calls), for tests about
    /// those calls' paging and pacing rather than about what an order holds.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> WithoutConsignments = new Dictionary<string, string?> { ["BigCommerce:IncludeConsignments"] = "false" };

    public static async Task<BigCommerceHarness> StartAsync(int pageSize = 50, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null,
        bool storage = false)
    {
        var sandbox = await SandboxHost.StartAsync(time: time);
        var all = new Dictionary<string, string?>
        {
            ["BigCommerce:ApiBaseUrl"] = sandbox.BaseUrl + "/bigcommerce/api",
            ["BigCommerce:LoginBaseUrl"] = sandbox.BaseUrl + "/bigcommerce/login",
            ["BigCommerce:ClientId"] = ClientId,
            ["BigCommerce:ClientSecret"] = ClientSecret,
            ["BigCommerce:AuthCallbackUrl"] = AuthCallbackUrl,
            ["BigCommerce:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BigCommerce:HeaderlessRateLimitBackoff"] = "00:00:00.300",
        };
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            all["BigCommerce:AttemptTimeout"] = "01:00:00";
            all["BigCommerce:CallTimeout"] = "01:00:00";
            services.AddSingleton(time);
        }
        if (storage)
        {
            all[StorageNames.ConnectionName] = (await AzuriteInstance.Shared).ConnectionString;
            all["Secrets:ActiveKey"] = TestSecrets.ActiveKey;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var config = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        if (storage)
        {
            services.AddFulfilmentStorage(config).AddFulfilmentPipeline(config);
            services.AddSingleton(sp => new RecordingWorkQueue(ActivatorUtilities.CreateInstance<Fulfilment.Storage.Queues.StorageWorkQueue>(sp)));
            services.AddSingleton<IWorkQueue>(sp => sp.GetRequiredService<RecordingWorkQueue>());
        }
        var provider = services.AddBigCommerce(config).BuildServiceProvider(validateScopes: true);
        if (storage)
            await provider.GetRequiredService<IStorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        return new BigCommerceHarness(sandbox, provider);
    }

    /// <summary>A fresh store in the simulator and the connection our pipeline would hold for it.</summary>
    public ChannelConnection NewStore(int quota = 150, TimeSpan? window = null)
    {
        var hash = "bcit" + Interlocked.Increment(ref _stores);
        var token = "token-" + hash;
        Simulator.CreateStore(hash, token, quota, window);
        return new ChannelConnection
        {
            Id = "BigCommerce-" + hash,
            Channel = "BigCommerce",
            StoreId = hash,
            Credentials = { ["accessToken"] = token },
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>With storage: a fresh store and its connection saved as our install would leave it (active unless told).</summary>
    public async Task<ChannelConnection> NewSavedStoreAsync(ConnectionStatus status = ConnectionStatus.Active)
    {
        var store = NewStore();
        var connection = new ChannelConnection
        {
            Id = ConnectionInstaller.ConnectionIdFor(BigCommerceChannel.ChannelName, store.StoreId),
            Channel = store.Channel,
            StoreId = store.StoreId,
            Credentials = { [BigCommerceChannel.AccessToken] = store.Credential(BigCommerceChannel.AccessToken)! },
            CreatedAt = store.CreatedAt,
            Status = status,
        };
        await Get<IConnectionStore>().SaveAsync(connection, CancellationToken.None);
        return connection;
    }

    public static BigCommerceStore StoreOf(ChannelConnection c) => new(c.StoreId, c.Credential("accessToken")!);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>
/// Sends each message on to the real queue and records the ones that were sent. <see cref="FailNextSends"/> makes the
/// next sends fail as a storage outage would, before anything reaches the queue.
/// </summary>
internal sealed class RecordingWorkQueue(IWorkQueue inner) : IWorkQueue
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Queue, IPipelineMessage Message)> _sent = new();
    private int _failNext;

    public IReadOnlyList<(string Queue, IPipelineMessage Message)> Sent => _sent.ToList();

    public void FailNextSends(int count) => Interlocked.Exchange(ref _failNext, count);

    public async Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken, TimeSpan? visibilityDelay = null) where T : IPipelineMessage
    {
        if (Interlocked.Decrement(ref _failNext) >= 0)
            throw new Azure.RequestFailedException(503, "The queue service is unavailable (injected).");
        Interlocked.Increment(ref _failNext); // none left to fail: back to 0
        await inner.SendAsync(queueName, message, cancellationToken, visibilityDelay);
        _sent.Enqueue((queueName, message));
    }

    /// <summary>Import hints sent for one connection.</summary>
    public IReadOnlyList<ImportOrderMessage> ImportsFor(string connectionId) =>
        Sent.Where(s => s.Queue == StorageNames.Queues.OrderImport).Select(s => s.Message).OfType<ImportOrderMessage>()
            .Where(m => m.ConnectionId == connectionId).ToList();
}
