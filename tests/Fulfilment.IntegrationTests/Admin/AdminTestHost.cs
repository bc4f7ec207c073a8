using System.Net.Http.Headers;
using System.Text;
using Demo;
using Fulfilment.Storage;
using LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfilment.IntegrationTests.Admin;

/// <summary>
/// The real function app under the local Functions host against a given storage account, for the operator endpoints:
/// called over HTTP with the function key as a client would, with the stores at hand to arrange and inspect state.
/// No partner is called by these functions; their base URLs point at a closed port.
/// </summary>
public sealed class AdminTestHost : IAsyncDisposable
{
    private readonly FunctionsLocalHost _host;
    private readonly ServiceProvider _services;

    private AdminTestHost(FunctionsLocalHost host, ServiceProvider services, string functionKey)
    {
        _host = host;
        _services = services;
        Client = new HttpClient { BaseAddress = new Uri(host.BaseUrl + "/api/"), Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Add("x-functions-key", functionKey);
    }

    /// <summary>Base address .../api/, carrying the function key.</summary>
    public HttpClient Client { get; }

    /// <summary>The storage stores, registered as the app registers them, on the same account.</summary>
    public IServiceProvider Services => _services;

    public static async Task<AdminTestHost> StartAsync(string storageConnectionString)
    {
        var sample = LocalSettings.Load(Path.Combine(AzuriteInstance.RepoRoot, "local.settings.sample.json"));
        var settings = new Dictionary<string, string?>(sample.Values, StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            [StorageNames.ConnectionName] = storageConnectionString,
            ["BigCommerce__ApiBaseUrl"] = "http://127.0.0.1:9/bigcommerce/api",
            ["BigCommerce__LoginBaseUrl"] = "http://127.0.0.1:9/bigcommerce/login",
            ["ClickAndDrop__BaseUrl"] = "http://127.0.0.1:9/clickanddrop/api/v1",
        };
        var host = await FunctionsLocalHost.StartAsync(new LocalHostOptions
        {
            AppDirectory = DevStack.FunctionAppDirectory,
            Settings = settings,
            HttpPort = 0,
            EnableTimerSchedules = false,
            MasterKey = sample.Keys["master"],
            FunctionKey = sample.Keys["default"],
            Log = _ => { },
        });

        // The same storage account and encryption key as the app, so the stores read what the app wrote and vice versa.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)))
            .Build();
        var services = new ServiceCollection().AddFulfilmentStorage(configuration).BuildServiceProvider();
        // The worker creates its tables at start-up in the background; a test may write before it has finished.
        await services.GetRequiredService<IStorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        return new AdminTestHost(host, services, sample.Keys["default"]);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.DisposeAsync();
        await _services.DisposeAsync();
    }
}
