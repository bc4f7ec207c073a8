using System.Net;

namespace Sandbox.Tests.Ekm;

/// <summary>grant_type=refresh_token: single use, 15 idle days, revocation, and POST /ekm/connect/revocation.</summary>
public sealed class EkmRefreshTokenTests
{
    [Fact]
    public async Task A_refresh_answers_a_new_access_token_and_a_new_refresh_token()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var first = await ekm.ConnectAsync();

        using var response = await ekm.RefreshAsync(first.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var second = await EkmHarness.Tokens.ReadAsync(response);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(EkmHarness.FullScope, second.Scope);
    }

    [Fact]
    public async Task A_refresh_token_used_twice_is_invalid_grant_the_second_time()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();
        using var first = await ekm.RefreshAsync(tokens.RefreshToken!);

        using var reuse = await ekm.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("invalid_grant", (await EkmHarness.JsonAsync(reuse)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Two_instances_refreshing_with_the_same_token_at_once_get_one_success_and_one_invalid_grant()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ekm.RefreshAsync(tokens.RefreshToken!)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        foreach (var answer in answers)
            answer.Dispose();
    }

    [Fact]
    public async Task A_refresh_token_lapses_fifteen_days_after_its_last_use()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();
        ekm.Clock.Advance(TimeSpan.FromDays(15) + TimeSpan.FromSeconds(1));

        using var response = await ekm.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal("invalid_grant", (await EkmHarness.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Refreshing_every_fourteen_days_keeps_the_connection_alive()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var refresh = (await ekm.ConnectAsync()).RefreshToken!;

        for (var i = 0; i < 4; i++)
        {
            ekm.Clock.Advance(TimeSpan.FromDays(14));
            using var response = await ekm.RefreshAsync(refresh);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            refresh = (await EkmHarness.Tokens.ReadAsync(response)).RefreshToken!;
        }
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_invalid_grant()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();

        Assert.Equal(1, ekm.Simulator.RevokeRefreshTokens(EkmHarness.Shop));
        using var response = await ekm.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal("invalid_grant", (await EkmHarness.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_new_consent_for_the_same_app_and_shop_invalidates_the_earlier_refresh_token()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var old = await ekm.ConnectAsync();
        var current = await ekm.ConnectAsync();

        using var withOld = await ekm.RefreshAsync(old.RefreshToken!);
        using var withCurrent = await ekm.RefreshAsync(current.RefreshToken!);

        Assert.Equal(HttpStatusCode.BadRequest, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCurrent.StatusCode);
    }

    [Fact]
    public async Task A_refresh_may_narrow_the_scope_but_not_widen_it()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync("tempest.orders.read offline_access");

        using var wider = await ekm.TokenAsync(("client_id", EkmHarness.ClientId), ("client_secret", EkmHarness.ClientSecret),
            ("grant_type", "refresh_token"), ("refresh_token", tokens.RefreshToken!), ("scope", "tempest.orders.read tempest.orders.write offline_access"));
        using var same = await ekm.TokenAsync(("client_id", EkmHarness.ClientId), ("client_secret", EkmHarness.ClientSecret),
            ("grant_type", "refresh_token"), ("refresh_token", tokens.RefreshToken!), ("scope", "tempest.orders.read offline_access"));

        Assert.Equal("invalid_scope", (await EkmHarness.JsonAsync(wider)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    [Fact]
    public async Task A_missing_refresh_token_is_invalid_request()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var response = await ekm.TokenAsync(("client_id", EkmHarness.ClientId), ("client_secret", EkmHarness.ClientSecret), ("grant_type", "refresh_token"));

        Assert.Equal("invalid_request", (await EkmHarness.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_revocation_endpoint_revokes_a_refresh_token()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();

        using var revoke = await ekm.Http.PostAsync("/ekm/connect/revocation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = EkmHarness.ClientId, ["client_secret"] = EkmHarness.ClientSecret,
            ["token"] = tokens.RefreshToken!, ["token_type_hint"] = "refresh_token",
        }));
        using var refresh = await ekm.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("invalid_grant", (await EkmHarness.JsonAsync(refresh)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_refresh_whose_answer_is_lost_after_acting_leaves_the_old_token_used_up()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();
        ekm.Simulator.SetTokenEndpointFaults(new Sandbox.Ekm.EkmFaults { ActThenFail = 1 });

        using var lost = await ekm.RefreshAsync(tokens.RefreshToken!);
        using var retry = await ekm.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.InternalServerError, lost.StatusCode);
        Assert.Equal("invalid_grant", (await EkmHarness.JsonAsync(retry)).GetProperty("error").GetString());
    }
}
