using System.Net.Http.Headers;
using System.Text;
using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Functions.AdminCarrierAccounts;
using Fulfilment.Functions.AdminConnections;
using Fulfilment.Functions.AdminOrders;
using Fulfilment.Functions.AdminProducts;
using Fulfilment.Functions.AdminReplayOrder;
using Fulfilment.Functions.AdminShippingMappings;
using Fulfilment.Functions.Health;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fulfilment.IntegrationTests.Admin;

/// <summary>
/// The operator functions hosted in-process on a free loopback port, with the service registrations Program.cs uses
/// and real storage, called over real HTTP as the Functions host would forward them (/api/{route}).
/// </summary>
public sealed class AdminTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminTestHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>Base address .../api/, so tests use the routes as function.json declares them.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<AdminTestHost> StartAsync(string storageConnectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.ConnectionName] = storageConnectionString,
            // The partners are never called by these functions; the options only have to validate.
            ["BigCommerce:ApiBaseUrl"] = "http://127.0.0.1:9/bigcommerce/api",
            ["BigCommerce:LoginBaseUrl"] = "http://127.0.0.1:9/bigcommerce/login",
            ["BigCommerce:ClientId"] = "test-client",
            ["BigCommerce:ClientSecret"] = "test-secret",
            ["ClickAndDrop:BaseUrl"] = "http://127.0.0.1:9/clickanddrop/api/v1",
        });

        // As Program.cs registers them.
        builder.Services.AddFulfilmentStorage(builder.Configuration);
        builder.Services.AddFulfilmentPipeline(builder.Configuration);
        builder.Services.AddBigCommerce(builder.Configuration);
        builder.Services.AddClickAndDrop(builder.Configuration);

        var app = builder.Build();
        HealthFunction.Map(app);
        AdminProductsFunction.Map(app);
        AdminShippingMappingsFunction.Map(app);
        AdminCarrierAccountsFunction.Map(app);
        AdminConnectionsFunction.Map(app);
        AdminOrdersFunction.Map(app);
        AdminReplayOrderFunction.Map(app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AdminTestHost(app, new Uri(address.TrimEnd('/') + "/api/"));
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
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
