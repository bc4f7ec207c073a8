using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Sandbox.Tests.Ekm;

/// <summary>POST /ekm/connect/token with grant_type=authorization_code, and the endpoint's own rules.</summary>
public sealed class EkmTokenTests
{
    [Fact]
    public async Task A_code_exchange_answers_a_one_hour_bearer_jwt_for_the_shop_and_a_refresh_token()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var response = await ekm.RedeemAsync(await ekm.AuthorizeAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var tokens = await EkmHarness.Tokens.ReadAsync(response);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(3600, tokens.ExpiresIn);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        Assert.Equal(EkmHarness.FullScope, tokens.Scope);
        var claims = EkmHarness.JwtPayload(tokens.AccessToken);
        Assert.Equal(EkmHarness.Shop, claims.GetProperty("sub").GetString());
        Assert.Equal(EkmHarness.ClientId, claims.GetProperty("client_id").GetString());
        Assert.Equal(3600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.Equal(ekm.Clock.GetUtcNow().ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task A_code_can_be_redeemed_once()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var code = await ekm.AuthorizeAsync();
        using var first = await ekm.RedeemAsync(code);

        using var second = await ekm.RedeemAsync(code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", (await EkmHarness.JsonAsync(second)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_code_lapses_after_ten_minutes()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var code = await ekm.AuthorizeAsync();
        ekm.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        using var response = await ekm.RedeemAsync(code);

        Assert.Equal("invalid_grant", (await EkmHarness.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_redirect_uri_other_than_the_authorize_one_is_refused_and_burns_the_code()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var code = await ekm.AuthorizeAsync();

        using var wrong = await ekm.RedeemAsync(code, redirectUri: "https://fulfilment.example/other");
        using var retry = await ekm.RedeemAsync(code);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("unauthorized_client", (await EkmHarness.JsonAsync(wrong)).GetProperty("error").GetString());
        Assert.Equal("invalid_grant", (await EkmHarness.JsonAsync(retry)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_wrong_client_secret_is_invalid_client_with_400_as_identityserver_answers()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var code = await ekm.AuthorizeAsync();

        using var response = await ekm.TokenAsync(("client_id", EkmHarness.ClientId), ("client_secret", "guess"), ("code", code),
            ("grant_type", "authorization_code"), ("redirect_uri", EkmHarness.RedirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_client", (await EkmHarness.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Client_credentials_in_a_basic_authorization_header_are_accepted()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var code = await ekm.AuthorizeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ekm/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["code"] = code, ["grant_type"] = "authorization_code", ["redirect_uri"] = EkmHarness.RedirectUri,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{EkmHarness.ClientId}:{EkmHarness.ClientSecret}")));

        using var response = await ekm.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_json_body_is_refused_with_invalid_request()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var code = await ekm.AuthorizeAsync();
        var json = $$"""{"client_id":"{{EkmHarness.ClientId}}","client_secret":"{{EkmHarness.ClientSecret}}","code":"{{code}}","grant_type":"authorization_code","redirect_uri":"{{EkmHarness.RedirectUri}}"}""";

        using var response = await ekm.Http.PostAsync("/ekm/connect/token", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await EkmHarness.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_grant_type_is_unsupported_grant_type()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var response = await ekm.TokenAsync(("client_id", EkmHarness.ClientId), ("client_secret", EkmHarness.ClientSecret), ("grant_type", "magic"));

        Assert.Equal("unsupported_grant_type", (await EkmHarness.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_token_endpoint_answers_only_post()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var response = await ekm.Http.GetAsync("/ekm/connect/token");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Without_offline_access_no_refresh_token_is_issued()
    {
        await using var ekm = await EkmHarness.StartAsync();

        var tokens = await ekm.ConnectAsync("tempest.orders.read");

        Assert.Null(tokens.RefreshToken);
    }
}
