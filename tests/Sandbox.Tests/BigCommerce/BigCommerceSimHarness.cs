using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sandbox.BigCommerce;

namespace Sandbox.Tests.BigCommerce;

/// <summary>
/// The BigCommerce simulator alone on a loopback port, on a fake clock, with one store, plus raw-HTTP helpers: what a
/// client on the wire sees, with no channel code in between.
/// </summary>
internal sealed class BigCommerceSimHarness : IAsyncDisposable
{
    public const string Store = "store1";
    public const string Token = "token-store1";
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private BigCommerceSimHarness(FakeTimeProvider clock, BigCommerceSimulator simulator, SimulatorHost host)
    {
        Clock = clock;
        Simulator = simulator;
        Host = host;
        Http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
    }

    public FakeTimeProvider Clock { get; }
    public BigCommerceSimulator Simulator { get; }
    public SimulatorHost Host { get; }
    public HttpClient Http { get; }

    public static async Task<BigCommerceSimHarness> StartAsync(int quota = 150, TimeSpan? window = null)
    {
        var clock = new FakeTimeProvider(Start);
        var simulator = new BigCommerceSimulator(clock);
        simulator.CreateStore(Store, Token, quota, window);
        var host = await SimulatorHost.StartAsync(app => simulator.MapRoutes(app));
        return new BigCommerceSimHarness(clock, simulator, host);
    }

    /// <summary>An API call as the channel makes it: {base}/bigcommerce/api/stores/{store}/{path} with X-Auth-Token.</summary>
    public Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, object? body = null, string? token = Token, string store = Store)
    {
        var request = new HttpRequestMessage(method, $"/bigcommerce/api/stores/{store}/{path.TrimStart('/')}");
        if (token is not null)
            request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = Token) => ApiAsync(HttpMethod.Get, path, token: token);

    /// <summary>The answer's JSON (an array or object), after checking its status.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The ids of a list answer (204 is an empty list).</summary>
    public static async Task<List<long>> IdsAsync(HttpResponseMessage response, string field = "id")
    {
        if (response.StatusCode == HttpStatusCode.NoContent)
            return [];
        var json = await JsonAsync(response);
        return json.EnumerateArray().Select(e => e.GetProperty(field).GetInt64()).ToList();
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    /// <summary>An order of one line to the default address, modified at <paramref name="modifiedAt"/>.</summary>
    public long AddOrder(DateTimeOffset? modifiedAt = null, int status = 9, int quantity = 1) =>
        Simulator.AddOrder(Store, new BigCommerceOrderSeed
        {
            StatusId = status,
            CreatedAt = (modifiedAt ?? Start).AddHours(-1),
            ModifiedAt = modifiedAt ?? Start,
            Products = [new BigCommerceProductSeed { Sku = "MUG-BLUE", Quantity = quantity }],
        }).Id;

    /// <summary>A v2 filter date as the channel writes it, URL-encoded.</summary>
    public static string Rfc2822(DateTimeOffset t) =>
        Uri.EscapeDataString(t.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Simulator.Dispose();
        await Host.DisposeAsync();
    }
}
