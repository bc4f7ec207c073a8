using System.Net;

namespace Sandbox.Tests.Ekm;

/// <summary>Bearer tokens on /ekm/api: 401 without or with a dead token (empty body, challenge header), 403 without the scope.</summary>
public sealed class EkmBearerTests
{
    [Fact]
    public async Task A_request_without_a_token_is_401_with_a_bearer_challenge_and_no_body()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var response = await ekm.GetAsync("/ekm/api/v2/orders", accessToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_access_token_is_refused_once_its_hour_is_up()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();
        ekm.Clock.Advance(TimeSpan.FromMinutes(59));
        using var before = await ekm.GetAsync("/ekm/api/v2/orders", tokens.AccessToken);
        ekm.Clock.Advance(TimeSpan.FromMinutes(1));

        using var after = await ekm.GetAsync("/ekm/api/v2/orders", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("invalid_token", after.Headers.WwwAuthenticate.ToString());
        Assert.Contains("The token expired at", after.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Expiring_a_shops_access_tokens_refuses_the_old_ones_while_a_refreshed_one_works()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();
        ekm.Simulator.ExpireAccessTokens(EkmHarness.Shop);
        using var refreshed = await ekm.RefreshAsync(tokens.RefreshToken!);
        var fresh = await EkmHarness.Tokens.ReadAsync(refreshed);

        using var old = await ekm.GetAsync("/ekm/api/v2/orders", tokens.AccessToken);
        using var current = await ekm.GetAsync("/ekm/api/v2/orders", fresh.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_401_invalid_token()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();
        var parts = tokens.AccessToken.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);

        using var response = await ekm.GetAsync("/ekm/api/v2/orders", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("/ekm/api/v2/orders")]
    [InlineData("/ekm/api/v1/settings/orderstatuses")]
    [InlineData("/ekm/api/v1/products/search?query=live%20eq%20true")]
    public async Task A_token_without_the_endpoints_read_scope_is_403(string path)
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync("tempest.customers.read");

        using var response = await ekm.GetAsync(path, tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reading_orders_does_not_grant_writing_them()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var order = ekm.Simulator.AddOrder(EkmHarness.Shop);
        var tokens = await ekm.ConnectAsync("tempest.orders.read");

        using var response = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/orders/{order.Id}/status", tokens.AccessToken,
            """{"status":"DISPATCHED","email_customer":false}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(ekm.Simulator.GetWriteBacks(EkmHarness.Shop));
    }
}
