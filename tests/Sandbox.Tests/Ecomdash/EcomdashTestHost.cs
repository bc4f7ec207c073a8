using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

/// <summary>
/// The ecomdash simulator alone on a loopback port with a fake clock, one merchant ("acme") and one developer key;
/// raw HTTP helpers that send both keys unless told otherwise.
/// </summary>
public sealed class EcomdashTestHost : IAsyncDisposable
{
    public const string DeveloperKey = "dev-key-0001";
    public const string MerchantId = "acme";
    public const string EcdKey = "ecd-acme-key";

    private EcomdashTestHost(FakeTimeProvider clock, EcomdashSimulator simulator, SimulatorHost host, EcomdashMerchantCreated merchant)
    {
        Clock = clock;
        Simulator = simulator;
        Host = host;
        Merchant = merchant;
        Http = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeTimeProvider Clock { get; }
    public EcomdashSimulator Simulator { get; }
    public SimulatorHost Host { get; }
    public EcomdashMerchantCreated Merchant { get; }
    public HttpClient Http { get; }

    public static async Task<EcomdashTestHost> StartAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var simulator = new EcomdashSimulator(clock);
        simulator.AddDeveloperKey(DeveloperKey);
        var merchant = simulator.AddMerchant(new EcomdashMerchantSeed(MerchantId, EcdKey));
        var host = await SimulatorHost.StartAsync(app => simulator.MapRoutes(app));
        return new EcomdashTestHost(clock, simulator, host, merchant);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? developerKey = DeveloperKey, string? ecdKey = EcdKey, string? applicationId = null) =>
        SendAsync(HttpMethod.Get, path, null, developerKey, ecdKey, applicationId);

    public Task<HttpResponseMessage> PostAsync(string path, object body, string? developerKey = DeveloperKey, string? ecdKey = EcdKey) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body), developerKey, ecdKey);

    public Task<HttpResponseMessage> PostRawAsync(string path, string json, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, json, DeveloperKey, EcdKey, contentType: contentType);

    public Task<HttpResponseMessage> PutAsync(string path, object body) =>
        SendAsync(HttpMethod.Put, path, JsonSerializer.Serialize(body), DeveloperKey, EcdKey);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, string? developerKey = DeveloperKey,
        string? ecdKey = EcdKey, string? applicationId = null, string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, "/ecomdash/api/" + path.TrimStart('/'));
        if (developerKey is not null) request.Headers.Add("Ocp-Apim-Subscription-Key", developerKey);
        if (ecdKey is not null) request.Headers.Add("ecd-subscription-key", ecdKey);
        if (applicationId is not null) request.Headers.Add("application-id", applicationId);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));
        return await Http.SendAsync(request, cancellationToken);
    }

    /// <summary>The envelope of a 200, after checking it is one.</summary>
    public static async Task<JsonElement> EnvelopeAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Ids arrive as decimals (<c>123.0</c>); this reads one back as the whole number it is.</summary>
    public static long Id(JsonElement element) => (long)element.GetDecimal();

    public static IReadOnlyList<string> Messages(JsonElement envelope) =>
        envelope.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToList();

    /// <summary>Waits (real time, bounded) for something the server does on its own threads.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting for {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Moves the fake clock on in steps until the calls held by latency faults have all answered.</summary>
    public async Task<HttpResponseMessage[]> ReleaseAsync(IEnumerable<Task<HttpResponseMessage>> calls, TimeSpan step)
    {
        var all = Task.WhenAll(calls);
        await AdvanceUntilDoneAsync(all, step);
        return await all;
    }

    /// <summary>
    /// Moves the fake clock on in steps until <paramref name="task"/> has finished (in any way). Stepping, rather than
    /// one jump, makes it immaterial whether the server had already started its timer when the clock first moved.
    /// </summary>
    public async Task AdvanceUntilDoneAsync(Task task, TimeSpan step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("Held calls did not complete.");
            Clock.Advance(step);
            await Task.WhenAny(task, Task.Delay(20));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        Simulator.Dispose();
    }
}
