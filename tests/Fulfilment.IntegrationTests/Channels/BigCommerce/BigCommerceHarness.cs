using Fulfilment.Channels;
using Fulfilment.Channels.BigCommerce;
using Fulfilment.Connections;
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

    /// <summary>
    /// Starts the Sandbox and the channel. With a <paramref name="time"/> (a <see cref="VirtualClock"/>) both run on it,
    /// and the client's timeouts are an hour so that only waits, never slow requests, move the clock.
    /// </summary>
    public static async Task<BigCommerceHarness> StartAsync(int pageSize = 50, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null)
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
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var config = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var provider = services.AddBigCommerce(config).BuildServiceProvider(validateScopes: true);
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

    public static BigCommerceStore StoreOf(ChannelConnection c) => new(c.StoreId, c.Credential("accessToken")!);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
