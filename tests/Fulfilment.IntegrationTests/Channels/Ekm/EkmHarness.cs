using System.Web;
using Fulfilment.Channels;
using Fulfilment.Channels.Ekm;
using Fulfilment.Connections;
using Fulfilment.IntegrationTests.Infrastructure;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sandbox;
using Sandbox.Ekm;

namespace Fulfilment.IntegrationTests.Channels.Ekm;

/// <summary>
/// The EKM simulator in-process and our EKM channel registered as production registers it (with the real storage on the
/// shared Azurite), so "another instance" is just another harness instance over the same simulator and tables.
/// </summary>
internal sealed class EkmHarness : IAsyncDisposable
{
    public const string ClientId = "it-ekm-client";
    public const string ClientSecret = "it-ekm-secret-0123456789abcdef";
    public const string RedirectUrl = "https://fulfilment.example/api/channels/ekm/oauth";
    private readonly ServiceProvider _services;
    private readonly bool _ownsSandbox;

    private EkmHarness(SandboxHost sandbox, ServiceProvider services, bool ownsSandbox)
    {
        Sandbox = sandbox;
        _services = services;
        _ownsSandbox = ownsSandbox;
    }

    public SandboxHost Sandbox { get; }
    public EkmSimulator Simulator => Sandbox.Ekm;
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
    public IChannel Channel => _services.GetServices<IChannel>().Single(c => c.Descriptor.Name == EkmChannel.ChannelName);
    public IConnectionStore Connections => Get<IConnectionStore>();

    public static async Task<EkmHarness> StartAsync(IDictionary<string, string?>? settings = null) =>
        await CreateAsync(await SandboxHost.StartAsync(), ownsSandbox: true, settings);

    /// <summary>A second app instance: its own services (and so its own caches) over the same simulator and storage.</summary>
    public Task<EkmHarness> AnotherInstanceAsync() => CreateAsync(Sandbox, ownsSandbox: false, null);

    private static async Task<EkmHarness> CreateAsync(SandboxHost sandbox, bool ownsSandbox, IDictionary<string, string?>? settings)
    {
        var azurite = await AzuriteInstance.Shared;
        var values = new Dictionary<string, string?>
        {
            [StorageNames.ConnectionName] = azurite.ConnectionString,
            ["Secrets:ActiveKey"] = TestSecrets.ActiveKey,
            ["Ekm:ApiBaseUrl"] = sandbox.BaseUrl + "/ekm",
            ["Ekm:AuthBaseUrl"] = sandbox.BaseUrl + "/ekm",
            ["Ekm:ClientId"] = ClientId,
            ["Ekm:ClientSecret"] = ClientSecret,
            ["Ekm:RedirectUrl"] = RedirectUrl,
            ["Ekm:RateLimitBackoff"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging()
            .AddFulfilmentStorage(config)
            .AddFulfilmentPipeline(config)
            .AddEkm(config)
            .BuildServiceProvider(validateScopes: true);
        await services.GetRequiredService<IStorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        if (ownsSandbox)
            sandbox.Ekm.RegisterApp(ClientId, ClientSecret, RedirectUrl);
        return new EkmHarness(sandbox, services, ownsSandbox);
    }

    /// <summary>A new shop in the simulator (the merchant's username is unique per test).</summary>
    public string NewShop()
    {
        var username = "shop" + Guid.NewGuid().ToString("N")[..12];
        Simulator.CreateShop(username);
        return username;
    }

    /// <summary>The state our connect call would sign, for <paramref name="tradingName"/>.</summary>
    public string NewState(string tradingName = "Test Goods Ltd", TimeProvider? time = null, string? integrationName = null)
    {
        var states = time is null ? Get<OAuthStates>() : new OAuthStates(Get<Fulfilment.Secrets.SecretProtector>(), Get<ISingleUseTokenStore>(), time);
        return states.Create(EkmChannel.ChannelName, new Dictionary<string, string>
        {
            [ConnectState.TradingName] = tradingName,
            [ConnectState.IntegrationName] = integrationName ?? $"{tradingName} fulfilment",
            [ConnectState.MarkDespatched] = "true",
        });
    }

    /// <summary>The merchant consents as <paramref name="username"/> at EKM: the query EKM redirects back to us with.</summary>
    public async Task<Dictionary<string, string>> ConsentAsync(string username, string state)
    {
        Simulator.ConsentAs(username);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorize = Get<EkmAuth>().AuthorizeUrl(state);
        using var response = await browser.GetAsync(authorize);
        var location = response.Headers.Location ?? throw new InvalidOperationException($"EKM did not redirect ({(int)response.StatusCode}).");
        Assert.StartsWith(RedirectUrl, location.ToString(), StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(location.Query);
        return query.AllKeys.OfType<string>().ToDictionary(k => k, k => query[k]!);
    }

    /// <summary>EKM's redirect arriving at our partner-neutral callback route.</summary>
    public Task<PartnerHttpResponse> CallbackAsync(IReadOnlyDictionary<string, string> query) =>
        _services.GetServices<IChannelCallbacks>().Single(c => c.Partner == EkmChannel.ChannelName)
            .HandleAsync(new PartnerHttpRequest("oauth", "GET", query, new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty), CancellationToken.None);

    /// <summary>Connects a shop through the whole consent flow and returns the stored connection (approved when asked).</summary>
    public async Task<ChannelConnection> ConnectAsync(string username, bool approve = true)
    {
        var page = await CallbackAsync(await ConsentAsync(username, NewState()));
        Assert.True(page.StatusCode == 200, page.Body);
        var connection = (await Connections.GetAsync(ConnectionInstaller.ConnectionIdFor(EkmChannel.ChannelName, username), CancellationToken.None))!;
        if (approve && connection.Status != ConnectionStatus.Active)
        {
            connection.Status = ConnectionStatus.Active;
            connection.ApprovedAt = DateTimeOffset.UtcNow;
            await Connections.SaveAsync(connection, CancellationToken.None);
        }
        return connection;
    }

    public async Task<ChannelConnection> ReloadAsync(ChannelConnection connection) =>
        (await Connections.GetAsync(connection.Id, CancellationToken.None))!;

    /// <summary>Every page of a poll from the start of the window.</summary>
    public async Task<List<ChannelOrderPage>> ReadAllAsync(ChannelConnection connection, OrderPosition? after = null, string? importStatus = null)
    {
        var since = DateTimeOffset.UtcNow.AddDays(-7);
        var pages = new List<ChannelOrderPage>();
        await foreach (var page in Channel.ReadOrdersAsync(connection, new OrderQuery(after ?? OrderPosition.Before(since), since,
                           importStatus ?? EkmSettings.ImportStatusOf(connection)), CancellationToken.None))
            pages.Add(page);
        return pages;
    }

    /// <summary>Requests the simulator answered for the shop's API (not the identity server).</summary>
    public IReadOnlyList<EkmRequestRecord> ApiRequests(string username) =>
        Simulator.GetRequests(username).Where(r => r.Path.StartsWith("/ekm/api/", StringComparison.Ordinal)).ToList();

    /// <summary>Refresh-token grants the identity server answered (any shop: it does not always know which).</summary>
    public IReadOnlyList<EkmRequestRecord> TokenRequests() =>
        Simulator.GetRequests().Where(r => r.Path == "/ekm/connect/token").ToList();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsSandbox)
            await Sandbox.DisposeAsync();
    }
}
