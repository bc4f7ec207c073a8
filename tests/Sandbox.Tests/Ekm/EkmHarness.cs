using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sandbox.Ekm;

namespace Sandbox.Tests.Ekm;

/// <summary>
/// The EKM simulator alone on a loopback port, on a fake clock, with one registered app and one shop, plus raw-HTTP
/// helpers for the OAuth dance. Redirects are not followed, so tests see the 302s.
/// </summary>
internal sealed class EkmHarness : IAsyncDisposable
{
    public const string ClientId = "app-7f3c";
    public const string ClientSecret = "s3cret-7f3c";
    public const string RedirectUri = "https://fulfilment.example/channels/ekm/consented";
    public const string Shop = "merchant-one";
    public const string FullScope = "tempest.orders.read tempest.orders.write tempest.products.read tempest.settings.orderstatuses.read offline_access";

    private EkmHarness(FakeTimeProvider clock, EkmSimulator simulator, SimulatorHost host)
    {
        Clock = clock;
        Simulator = simulator;
        Host = host;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
    }

    public FakeTimeProvider Clock { get; }
    public EkmSimulator Simulator { get; }
    public SimulatorHost Host { get; }
    public HttpClient Http { get; }

    /// <summary>Starts on a fake clock (or on <paramref name="time"/>, e.g. the system clock for webhook tests).</summary>
    public static async Task<EkmHarness> StartAsync(EkmSimulatorOptions? options = null, TimeProvider? time = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var simulator = new EkmSimulator(time ?? clock, options);
        simulator.RegisterApp(ClientId, ClientSecret, RedirectUri);
        simulator.CreateShop(Shop);
        var host = await SimulatorHost.StartAsync(app => simulator.MapRoutes(app));
        return new EkmHarness(clock, simulator, host);
    }

    public static string AuthorizeUrl(string scope = FullScope, string state = "st-123", string redirectUri = RedirectUri, string clientId = ClientId) =>
        $"/ekm/connect/authorize?client_id={Uri.EscapeDataString(clientId)}&scope={Uri.EscapeDataString(scope)}" +
        $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&state={Uri.EscapeDataString(state)}&prompt=login&response_type=code";

    /// <summary>Plays the browser through authorize and returns the code from the redirect.</summary>
    public async Task<string> AuthorizeAsync(string scope = FullScope)
    {
        using var response = await Http.GetAsync(AuthorizeUrl(scope));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return QueryOf(response.Headers.Location!)["code"];
    }

    public Task<HttpResponseMessage> TokenAsync(params (string Name, string Value)[] form) =>
        Http.PostAsync("/ekm/connect/token", new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    public Task<HttpResponseMessage> RedeemAsync(string code, string redirectUri = RedirectUri) =>
        TokenAsync(("client_id", ClientId), ("client_secret", ClientSecret), ("code", code), ("grant_type", "authorization_code"), ("redirect_uri", redirectUri));

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        TokenAsync(("client_id", ClientId), ("client_secret", ClientSecret), ("grant_type", "refresh_token"), ("refresh_token", refreshToken));

    /// <summary>Authorize + code exchange: the tokens a freshly connected channel holds.</summary>
    public async Task<Tokens> ConnectAsync(string scope = FullScope)
    {
        using var response = await RedeemAsync(await AuthorizeAsync(scope));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Tokens.ReadAsync(response);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string? accessToken, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await Http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static Dictionary<string, string> QueryOf(Uri location) =>
        location.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""));

    /// <summary>The decoded payload of a JWT (no signature check: a client only reads it).</summary>
    public static JsonElement JwtPayload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part += new string('=', (4 - part.Length % 4) % 4);
        return JsonDocument.Parse(Convert.FromBase64String(part)).RootElement;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        Simulator.Dispose();
    }

    /// <summary>A token response's fields.</summary>
    public sealed record Tokens(string AccessToken, string? RefreshToken, long ExpiresIn, string TokenType, string Scope)
    {
        public static async Task<Tokens> ReadAsync(HttpResponseMessage response)
        {
            var json = await JsonAsync(response);
            return new Tokens(
                json.GetProperty("access_token").GetString()!,
                json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
                json.GetProperty("expires_in").GetInt64(),
                json.GetProperty("token_type").GetString()!,
                json.GetProperty("scope").GetString()!);
        }
    }
}
