using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sandbox.Ekm;

namespace Sandbox.Tests.Ekm;

/// <summary>The /_sandbox/ekm HTTP controls (for chaos runs in another process) and the request log.</summary>
public sealed class EkmControlTests
{
    private const string Control = "/_sandbox/ekm";

    [Fact]
    public async Task Http_controls_set_up_an_app_a_shop_and_orders_that_the_api_then_serves()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var http = ekm.Http;

        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync(Control + "/apps", new { clientId = "chaos-app", clientSecret = "chaos-secret", redirectUri = "https://chaos.example/cb" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync(Control + "/shops", new { username = "chaos-shop" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync(Control + "/shops/chaos-shop/statuses", new { name = "On Hold" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync(Control + "/shops/chaos-shop/products", new { productCode = "BOX-1", productWeight = 3.0 })).StatusCode);
        using var seeded = await http.PostAsJsonAsync(Control + "/shops/chaos-shop/orders", new { status = "ON HOLD", lines = new[] { new { productCode = "BOX-1", quantity = 2 } } });
        var orderId = (await EkmHarness.JsonAsync(seeded)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync(Control + "/consent", new { username = "chaos-shop" })).StatusCode);

        using var authorize = await http.GetAsync(EkmHarness.AuthorizeUrl(clientId: "chaos-app", redirectUri: "https://chaos.example/cb"));
        using var exchange = await ekm.TokenAsync(("client_id", "chaos-app"), ("client_secret", "chaos-secret"), ("grant_type", "authorization_code"),
            ("code", EkmHarness.QueryOf(authorize.Headers.Location!)["code"]), ("redirect_uri", "https://chaos.example/cb"));
        var token = (await EkmHarness.Tokens.ReadAsync(exchange)).AccessToken;
        using var order = await ekm.GetAsync($"/ekm/api/v2/orders/{orderId}", token);

        Assert.Equal("ON HOLD", (await EkmHarness.JsonAsync(order)).GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("chaos-shop", EkmHarness.JwtPayload(token).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Http_controls_inject_faults_and_read_the_request_log()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var token = (await ekm.ConnectAsync()).AccessToken;
        await ekm.Http.DeleteAsync(Control + "/requests");

        using var faults = await ekm.Http.PostAsJsonAsync($"{Control}/shops/{EkmHarness.Shop}/faults", new { next500 = 1, actThenFail = 1, afterActing = "serverError" });
        using var first = await ekm.GetAsync("/ekm/api/v2/orders?page=1&limit=5", token);
        using var second = await ekm.GetAsync("/ekm/api/v2/orders?page=1&limit=5", token);
        using var third = await ekm.GetAsync("/ekm/api/v2/orders?page=1&limit=5", token);
        using var log = await ekm.Http.GetAsync($"{Control}/requests?username={EkmHarness.Shop}");

        Assert.Equal(HttpStatusCode.NoContent, faults.StatusCode);
        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], [first.StatusCode, second.StatusCode, third.StatusCode]);
        var entries = (await EkmHarness.JsonAsync(log)).EnumerateArray().ToList();
        Assert.Equal([500, 500, 200], entries.Select(e => e.GetProperty("status").GetInt32()));
        Assert.All(entries, e =>
        {
            Assert.Equal("GET", e.GetProperty("method").GetString());
            Assert.Equal("/ekm/api/v2/orders", e.GetProperty("path").GetString());
            Assert.Equal("?page=1&limit=5", e.GetProperty("query").GetString());
            Assert.Equal(EkmHarness.ClientId, e.GetProperty("clientId").GetString());
        });
    }

    [Fact]
    public async Task Http_controls_change_an_order_and_read_its_write_backs()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var order = ekm.Simulator.AddOrder(EkmHarness.Shop);
        var token = (await ekm.ConnectAsync()).AccessToken;
        using var put = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/orders/{order.Id}/status", token, """{"status":"DISPATCHED"}""");

        using var patch = await ekm.Http.PatchAsJsonAsync($"{Control}/shops/{EkmHarness.Shop}/orders/{order.Id}", new { status = "COMPLETE", fireWebhook = false });
        using var state = await ekm.Http.GetAsync($"{Control}/shops/{EkmHarness.Shop}/orders/{order.Id}");
        using var writeBacks = await ekm.Http.GetAsync($"{Control}/shops/{EkmHarness.Shop}/writebacks?orderId={order.Id}");

        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.Equal("COMPLETE", (await EkmHarness.JsonAsync(state)).GetProperty("status").GetString());
        var writeBack = Assert.Single((await EkmHarness.JsonAsync(writeBacks)).EnumerateArray());
        Assert.Equal("status", writeBack.GetProperty("kind").GetString());
        Assert.Equal("DISPATCHED", writeBack.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Http_controls_revoke_refresh_tokens_and_move_the_clock_past_their_fifteen_days()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var revoked = await ekm.ConnectAsync();
        using var revoke = await ekm.Http.PostAsync($"{Control}/shops/{EkmHarness.Shop}/revoke-refresh-tokens", null);
        var idle = await ekm.ConnectAsync();

        using var advance = await ekm.Http.PostAsJsonAsync(Control + "/clock/advance", new { seconds = TimeSpan.FromDays(16).TotalSeconds });
        using var withRevoked = await ekm.RefreshAsync(revoked.RefreshToken!);
        using var withIdle = await ekm.RefreshAsync(idle.RefreshToken!);
        using var live = await ekm.Http.GetAsync($"{Control}/shops/{EkmHarness.Shop}/refresh-tokens");

        Assert.Equal(1, (await EkmHarness.JsonAsync(revoke)).GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.OK, advance.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withRevoked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withIdle.StatusCode);
        Assert.Equal(0, (await EkmHarness.JsonAsync(live)).GetProperty("live").GetInt32());
    }

    [Fact]
    public async Task Http_controls_deny_consent_and_set_token_endpoint_faults()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();

        using var deny = await ekm.Http.PostAsJsonAsync(Control + "/consent", new { deny = true });
        using var authorize = await ekm.Http.GetAsync(EkmHarness.AuthorizeUrl());
        using var faults = await ekm.Http.PostAsJsonAsync(Control + "/token-faults", new { next500 = 1 });
        using var failed = await ekm.RefreshAsync(tokens.RefreshToken!);
        using var retried = await ekm.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal("access_denied", EkmHarness.QueryOf(authorize.Headers.Location!)["error"]);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode); // a 500 before acting leaves the refresh token usable
    }

    [Fact]
    public async Task Http_controls_answer_404_for_an_unknown_shop_and_400_for_bad_input()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var unknown = await ekm.Http.GetAsync(Control + "/shops/nobody/faults");
        using var badStatus = await ekm.Http.PostAsJsonAsync($"{Control}/shops/{EkmHarness.Shop}/orders", new { status = "LOST IN SPACE" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    [Fact]
    public async Task The_request_log_records_token_requests_and_api_calls_with_their_caller()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var token = (await ekm.ConnectAsync()).AccessToken;
        ekm.Clock.Advance(TimeSpan.FromSeconds(5));

        using var _ = await ekm.GetAsync("/ekm/api/v2/orders/search?query=status%20eq%20%27PENDING%27", token);

        var all = ekm.Simulator.GetRequests();
        Assert.Equal(["/ekm/connect/authorize", "/ekm/connect/token", "/ekm/api/v2/orders/search"], all.Select(r => r.Path));
        var search = ekm.Simulator.GetRequests(EkmHarness.Shop).Single();
        Assert.Equal("?query=status%20eq%20%27PENDING%27", search.Query);
        Assert.Equal(200, search.Status);
        Assert.Equal(ekm.Clock.GetUtcNow(), search.At);
    }
}
