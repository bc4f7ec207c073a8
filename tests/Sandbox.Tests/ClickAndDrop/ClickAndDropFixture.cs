using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sandbox.ClickAndDrop;

namespace Sandbox.Tests.ClickAndDrop;

/// <summary>
/// A Click &amp; Drop simulator alone on a free port, on a fake clock, with an OBA account (<see cref="Oba"/>) and an
/// OLP account (<see cref="Olp"/>), and clients that speak its API and its controls, so each test reads as the HTTP it sends.
/// </summary>
internal sealed class ClickAndDropFixture : IAsyncDisposable
{
    public const string Oba = "acct-oba";
    public const string ObaKey = "oba-key-0000";
    public const string Olp = "acct-olp";
    public const string OlpKey = "olp-key-0000";

    private readonly SimulatorHost _host;

    private ClickAndDropFixture(SimulatorHost host, ClickAndDropSimulator simulator, FakeTimeProvider clock)
    {
        _host = host;
        Simulator = simulator;
        Clock = clock;
        Api = Client(ObaKey);
        Control = new HttpClient { BaseAddress = new Uri(host.BaseUrl + ClickAndDropSimulator.ControlPrefix + "/") };
    }

    public ClickAndDropSimulator Simulator { get; }
    public FakeTimeProvider Clock { get; }
    /// <summary>The API as the OBA account.</summary>
    public HttpClient Api { get; }
    /// <summary>The simulator's HTTP controls.</summary>
    public HttpClient Control { get; }
    public string BaseUrl => _host.BaseUrl;

    public static DateTimeOffset Start { get; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static async Task<ClickAndDropFixture> StartAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var simulator = new ClickAndDropSimulator(clock);
        simulator.AddAccount(Oba, ObaKey, isOba: true);
        simulator.AddAccount(Olp, OlpKey, isOba: false);
        var host = await SimulatorHost.StartAsync(app => simulator.MapRoutes(app));
        return new ClickAndDropFixture(host, simulator, clock);
    }

    /// <summary>An API client sending <paramref name="authorization"/> as the Authorization header (none when null).</summary>
    public HttpClient Client(string? authorization)
    {
        var http = new HttpClient { BaseAddress = new Uri(_host.BaseUrl + ClickAndDropSimulator.ApiPrefix + "/") };
        if (authorization is not null)
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return http;
    }

    /// <summary>POST /orders with these items (JSON texts) as the OBA account, or through <paramref name="client"/>.</summary>
    public Task<HttpResponseMessage> CreateAsync(IEnumerable<string> items, HttpClient? client = null) =>
        (client ?? Api).PostAsync("orders", Json($"{{\"items\":[{string.Join(',', items)}]}}"));

    /// <summary>Creates the items and returns the order ids Click &amp; Drop gave them.</summary>
    public async Task<IReadOnlyList<long>> CreatedIdsAsync(params string[] items)
    {
        using var response = await CreateAsync(items);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("createdOrders").EnumerateArray().Select(o => o.GetProperty("orderIdentifier").GetInt64()).ToList();
    }

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Control.Dispose();
        Simulator.Dispose();
        await _host.DisposeAsync();
    }
}
