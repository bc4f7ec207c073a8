using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Sandbox.Ekart;

namespace Sandbox.Tests.Ekart;

/// <summary>
/// An Ekart simulator alone on a free port, on a fake clock, with merchant ABC (token <see cref="Token"/>, location
/// <see cref="Location"/>) and a client that speaks Ekart's headers, so each test reads as the HTTP it sends.
/// </summary>
internal sealed class EkartFixture : IAsyncDisposable
{
    public const string Merchant = "ABC";
    public const string Token = "YWJjOnNlY3JldA==";
    public const string Location = "ABC_BLR_01";
    public const string OtherMerchant = "XYZ";
    public const string OtherToken = "eHl6OnNlY3JldA==";

    private readonly SimulatorHost _host;
    private readonly Dictionary<string, (string Bearer, DateTimeOffset IssuedAt)> _bearers = [];

    private EkartFixture(SimulatorHost host, EkartSimulator simulator, FakeTimeProvider clock)
    {
        _host = host;
        Simulator = simulator;
        Clock = clock;
        Http = new HttpClient { BaseAddress = new Uri(host.BaseUrl + "/") };
    }

    public FakeTimeProvider Clock { get; }
    public EkartSimulator Simulator { get; }
    public HttpClient Http { get; }
    public string BaseUrl => _host.BaseUrl;

    /// <summary>2 March 2026, 10:00 in India.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 3, 2, 4, 30, 0, TimeSpan.Zero);

    public static async Task<EkartFixture> StartAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var simulator = new EkartSimulator(clock);
        simulator.AddMerchant(Merchant, Token, Location);
        simulator.AddMerchant(OtherMerchant, OtherToken);
        var host = await SimulatorHost.StartAsync(app => simulator.MapRoutes(app));
        return new EkartFixture(host, simulator, clock);
    }

    /// <summary>POST /ekart/auth/token with the merchant header and Basic token.</summary>
    public Task<HttpResponseMessage> RequestTokenAsync(string? merchant = Merchant, string? authorization = "Basic " + Token) =>
        SendAsync(HttpMethod.Post, "ekart/auth/token", body: null, merchant, authorization);

    /// <summary>"Bearer &lt;jwt&gt;" for the merchant, fetched again once the fake clock has moved past its lifetime, like a real client's cache.</summary>
    public async Task<string> BearerAsync(string merchant = Merchant)
    {
        if (_bearers.TryGetValue(merchant, out var cached) && Clock.GetUtcNow() < cached.IssuedAt + Simulator.TokenLifetime)
            return cached.Bearer;
        var token = merchant == Merchant ? Token : OtherToken;
        using var response = await RequestTokenAsync(merchant, "Basic " + token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bearer = (await ReadJsonAsync(response))!["Authorization"]!.GetValue<string>();
        _bearers[merchant] = (bearer, Clock.GetUtcNow());
        return bearer;
    }

    public void ForgetBearers() => _bearers.Clear();

    public async Task<(HttpStatusCode Status, JsonNode? Body)> CreateAsync(JsonObject body, string merchant = Merchant) =>
        await CallAsync(HttpMethod.Post, "ekart/v2/shipments/create", body, merchant);

    public async Task<(HttpStatusCode Status, JsonNode? Body)> TrackAsync(params string[] trackingIds) =>
        await CallAsync(HttpMethod.Post, "ekart/v2/shipments/track", new JsonObject { ["tracking_ids"] = new JsonArray(trackingIds.Select(t => (JsonNode?)t).ToArray()) });

    public async Task<(HttpStatusCode Status, JsonNode? Body)> CancelAsync(params (string TrackingId, string Reason)[] items) =>
        await CallAsync(HttpMethod.Put, "ekart/v2/shipments/rto/create", new JsonObject
        {
            ["request_id"] = Guid.NewGuid().ToString(),
            ["request_details"] = new JsonArray(items.Select(i => (JsonNode?)new JsonObject { ["tracking_id"] = i.TrackingId, ["reason"] = i.Reason }).ToArray()),
        });

    /// <summary>Creates a valid prepaid shipment and checks it was received.</summary>
    public async Task<string> CreateShipmentAsync(long serial = 1, decimal cod = 0)
    {
        var trackingId = EkartTrackingId.Create(Merchant, cod > 0, serial);
        var (status, body) = await CreateAsync(EkartRequests.Forward(trackingId, cod, clientReference: $"ORD-{serial}"));
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        return trackingId;
    }

    /// <summary>An authenticated call as the merchant.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> CallAsync(HttpMethod method, string path, JsonNode? body, string merchant = Merchant)
    {
        using var response = await SendAsync(method, path, body?.ToJsonString(), merchant, await BearerAsync(merchant));
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    /// <summary>A raw call: exactly the headers given (null leaves a header out).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? merchant, string? authorization, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (merchant is not null) request.Headers.TryAddWithoutValidation(EkartSimulator.MerchantHeader, merchant);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return Http.SendAsync(request, cancellationToken);
    }

    public static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.DisposeAsync();
        Simulator.Dispose();
    }
}
