using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sandbox.BigCommerce;

namespace Sandbox.Tests.BigCommerce;

/// <summary>
/// v3 /hooks and BigCommerce-style deliveries (Standard Webhooks signatures, retries, deactivation, duplicates).
/// Deliveries run on the real clock with their waits compressed (TimeScale); tests wait for the simulator to be idle.
/// </summary>
public class BigCommerceWebhookTests
{
    private const string Secret = "sim-client-secret-0123456789";
    private static readonly BigCommerceWebhookBehaviour Fast = new() { AllowHttpDestinations = true, TimeScale = 0.00001 };

    [Fact]
    public async Task Hooks_are_created_listed_updated_and_deleted_through_v3()
    {
        await using var h = await BigCommerceSimHarness.StartAsync();

        var created = await BigCommerceSimHarness.JsonAsync(await h.ApiAsync(HttpMethod.Post, "v3/hooks",
            new { scope = "store/order/created", destination = "https://app.example/hooks", is_active = true, headers = new { } }));
        var id = created.GetProperty("data").GetProperty("id").GetInt64();
        var list = await BigCommerceSimHarness.JsonAsync(await h.GetAsync("v3/hooks"));
        var update = await BigCommerceSimHarness.JsonAsync(await h.ApiAsync(HttpMethod.Put, $"v3/hooks/{id}", new { is_active = false }));
        var deleted = await h.ApiAsync(HttpMethod.Delete, $"v3/hooks/{id}");
        var gone = await h.GetAsync($"v3/hooks/{id}");

        Assert.Equal("https://app.example/hooks", created.GetProperty("data").GetProperty("destination").GetString());
        Assert.Equal(id, list.GetProperty("data")[0].GetProperty("id").GetInt64());
        Assert.Equal(1, list.GetProperty("meta").GetProperty("pagination").GetProperty("total_pages").GetInt32());
        Assert.False(update.GetProperty("data").GetProperty("is_active").GetBoolean());
        Assert.Equal("store/order/created", update.GetProperty("data").GetProperty("scope").GetString()); // left out: kept
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("http://app.example/hooks")]
    [InlineData("https://app.example:8443/hooks")]
    [InlineData("ftp://app.example/hooks")]
    [InlineData("not a url")]
    public async Task Only_https_on_443_is_accepted_unless_a_local_run_allows_http(string destination)
    {
        await using var h = await BigCommerceSimHarness.StartAsync();

        var refused = await h.ApiAsync(HttpMethod.Post, "v3/hooks", new { scope = "store/order/created", destination, is_active = true });
        h.Simulator.Webhooks = h.Simulator.Webhooks with { AllowHttpDestinations = true };
        var local = await h.ApiAsync(HttpMethod.Post, "v3/hooks", new { scope = "store/order/created", destination, is_active = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(destination.StartsWith("http", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.UnprocessableEntity, local.StatusCode);
    }

    [Fact]
    public async Task Hooks_need_the_store_token_and_a_known_scope_and_stop_at_ten_per_scope()
    {
        await using var h = await BigCommerceSimHarness.StartAsync();
        var body = new { scope = "store/order/created", destination = "https://app.example/hooks", is_active = true };

        Assert.Equal(HttpStatusCode.Unauthorized, (await h.ApiAsync(HttpMethod.Post, "v3/hooks", body, token: "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await h.ApiAsync(HttpMethod.Post, "v3/hooks", body with { scope = "store/nothing" })).StatusCode);
        for (var i = 0; i < BigCommerceSimulator.MaxHooksPerScope; i++)
            Assert.Equal(HttpStatusCode.OK, (await h.ApiAsync(HttpMethod.Post, "v3/hooks", body)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await h.ApiAsync(HttpMethod.Post, "v3/hooks", body)).StatusCode);
    }

    [Fact]
    public async Task An_order_created_and_moved_is_delivered_as_signed_light_payloads()
    {
        await using var receiver = await Receiver.StartAsync();
        var (sim, host) = await StartAsync(Fast);
        await using var _ = host;
        await SubscribeAsync(host, "store/order/created", receiver.Url);
        await SubscribeAsync(host, "store/order/statusUpdated", receiver.Url);

        var id = AddOrder(sim, status: 11);
        sim.SetOrderStatus("store1", id, 9);
        await sim.WhenWebhooksIdleAsync();

        var received = receiver.Received.ToList();
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.True(r.Verified, "signature"));
        var created = received.Single(r => r.Json.GetProperty("scope").GetString() == "store/order/created").Json;
        Assert.Equal("order", created.GetProperty("data").GetProperty("type").GetString());
        Assert.Equal(id, created.GetProperty("data").GetProperty("id").GetInt64());
        Assert.Equal("stores/store1", created.GetProperty("producer").GetString());
        Assert.Equal(40, created.GetProperty("hash").GetString()!.Length);
        var status = received.Single(r => r.Json.GetProperty("scope").GetString() == "store/order/statusUpdated").Json.GetProperty("data").GetProperty("status");
        Assert.Equal(11, status.GetProperty("previous_status_id").GetInt32());
        Assert.Equal(9, status.GetProperty("new_status_id").GetInt32());
        sim.Dispose();
    }

    [Fact]
    public async Task A_failing_destination_is_retried_then_its_hook_is_deactivated()
    {
        await using var receiver = await Receiver.StartAsync(Enumerable.Repeat(500, 100).ToArray());
        var (sim, host) = await StartAsync(Fast);
        await using var _ = host;
        var hook = await SubscribeAsync(host, "store/order/created", receiver.Url);

        AddOrder(sim);
        await sim.WhenWebhooksIdleAsync();

        var attempts = sim.GetWebhookAttempts();
        Assert.True(attempts.Count > 5, $"{attempts.Count} attempts");
        Assert.Single(attempts.Select(a => a.WebhookId).Distinct()); // retries keep the delivery's id
        Assert.False(sim.GetHooks("store1").Single(x => x.Id == hook).IsActive);
        sim.Dispose();
    }

    [Fact]
    public async Task Duplicates_are_separate_deliveries_of_the_same_payload()
    {
        await using var receiver = await Receiver.StartAsync();
        var (sim, host) = await StartAsync(Fast with { Duplicates = 2 });
        await using var _ = host;
        await SubscribeAsync(host, "store/order/created", receiver.Url);

        AddOrder(sim);
        await sim.WhenWebhooksIdleAsync();

        var received = receiver.Received.ToList();
        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.Json.GetProperty("hash").GetString()).Distinct());
        Assert.Equal(3, received.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Retry_delays_start_at_a_minute_and_are_at_most_a_day()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), BigCommerceWebhookBehaviour.RetryDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(120), BigCommerceWebhookBehaviour.RetryDelay(2));
        Assert.Equal(TimeSpan.FromSeconds(86400), BigCommerceWebhookBehaviour.RetryDelay(30));
    }

    private static async Task<(BigCommerceSimulator, SimulatorHost)> StartAsync(BigCommerceWebhookBehaviour behaviour)
    {
        var sim = new BigCommerceSimulator(TimeProvider.System) { Webhooks = behaviour };
        sim.CreateStore("store1", "token-store1");
        sim.RegisterApp("sim-client", Secret, "https://app.example/auth");
        return (sim, await SimulatorHost.StartAsync(app => sim.MapRoutes(app)));
    }

    /// <summary>Through the simulator's v3 API, as our client subscribes.</summary>
    private static async Task<long> SubscribeAsync(SimulatorHost host, string scope, string url)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{host.BaseUrl}/bigcommerce/api/stores/store1/v3/hooks")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { scope, destination = url, is_active = true, headers = new { } }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Auth-Token", "token-store1");
        using var response = await http.SendAsync(request);
        return (await BigCommerceSimHarness.JsonAsync(response)).GetProperty("data").GetProperty("id").GetInt64();
    }

    private static long AddOrder(BigCommerceSimulator sim, int status = 9) =>
        sim.AddOrder("store1", new BigCommerceOrderSeed { StatusId = status, Products = [new BigCommerceProductSeed { Sku = "MUG-BLUE" }] }).Id;

    private sealed record Delivery(string Id, JsonElement Json, bool Verified);

    /// <summary>A destination that checks each delivery's Standard Webhooks signature and answers scripted statuses (then 200).</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly SimulatorHost _host;
        private readonly ConcurrentQueue<int> _script;

        private Receiver(SimulatorHost host, ConcurrentQueue<int> script)
        {
            _host = host;
            _script = script;
        }

        public string Url => _host.BaseUrl + "/hooks/bigcommerce";
        public ConcurrentQueue<Delivery> Received { get; } = new();

        public static async Task<Receiver> StartAsync(params int[] statuses)
        {
            var script = new ConcurrentQueue<int>(statuses);
            Receiver? receiver = null;
            var host = await SimulatorHost.StartAsync(app => app.MapPost("/hooks/bigcommerce", async (HttpContext ctx) =>
            {
                using var buffer = new MemoryStream();
                await ctx.Request.Body.CopyToAsync(buffer);
                var body = buffer.ToArray();
                var id = ctx.Request.Headers["webhook-id"].ToString();
                var timestamp = ctx.Request.Headers["webhook-timestamp"].ToString();
                var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray());
                var verified = ctx.Request.Headers["webhook-signature"].ToString().Split(' ').Contains("v1," + Convert.ToBase64String(mac));
                receiver!.Received.Enqueue(new Delivery(id, JsonDocument.Parse(body).RootElement.Clone(), verified));
                ctx.Response.StatusCode = script.TryDequeue(out var status) ? status : 200;
            }));
            receiver = new Receiver(host, script);
            return receiver;
        }

        public ValueTask DisposeAsync() => _host.DisposeAsync();
    }
}
