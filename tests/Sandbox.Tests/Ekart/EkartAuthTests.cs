using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Sandbox.Tests.Ekart;

/// <summary>POST /auth/token and the bearer check every other call makes.</summary>
public sealed class EkartAuthTests
{
    private const string TrackPath = "ekart/v2/shipments/track";
    private const string TrackBody = """{"tracking_ids":["ABCP0000000001"]}""";

    [Fact]
    public async Task Merchant_code_and_basic_token_get_a_bearer_jwt_that_expires_in_50_minutes()
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var response = await ekart.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var authorization = (await EkartFixture.ReadJsonAsync(response))!["Authorization"]!.GetValue<string>();
        Assert.StartsWith("Bearer ", authorization);
        var claims = JwtClaims(authorization);
        Assert.Equal(EkartFixture.Start.AddMinutes(50).ToUnixTimeSeconds(), claims["exp"]!.GetValue<long>());
        Assert.Contains(EkartFixture.Merchant, claims["aud"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_lifetime_is_configurable()
    {
        await using var ekart = await EkartFixture.StartAsync();
        ekart.Simulator.TokenLifetime = TimeSpan.FromMinutes(5);

        var claims = JwtClaims(await ekart.BearerAsync());

        Assert.Equal(EkartFixture.Start.AddMinutes(5).ToUnixTimeSeconds(), claims["exp"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("Basic wrong-token")]
    [InlineData(EkartFixture.Token)] // the token without the Basic scheme
    [InlineData("Bearer " + EkartFixture.Token)]
    [InlineData(null)]
    public async Task Token_request_without_the_merchants_basic_token_is_401_unauthorised(string? authorization)
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var response = await ekart.RequestTokenAsync(authorization: authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull((await EkartFixture.ReadJsonAsync(response))!["unauthorised"]);
    }

    [Theory]
    [InlineData("QQQ")]
    [InlineData(null)]
    public async Task Token_request_for_an_unknown_or_missing_merchant_code_is_401(string? merchant)
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var response = await ekart.RequestTokenAsync(merchant: merchant);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Another_merchants_basic_token_does_not_authenticate()
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var response = await ekart.RequestTokenAsync(EkartFixture.Merchant, "Basic " + EkartFixture.OtherToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Bearer_token_is_accepted_until_just_before_it_expires()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var bearer = await ekart.BearerAsync();

        ekart.Clock.Advance(TimeSpan.FromMinutes(50) - TimeSpan.FromSeconds(1));
        using var response = await ekart.SendAsync(HttpMethod.Post, TrackPath, TrackBody, EkartFixture.Merchant, bearer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Expired_bearer_token_is_401_with_ekarts_documented_expiry_body()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var bearer = await ekart.BearerAsync();

        ekart.Clock.Advance(TimeSpan.FromMinutes(50));
        using var response = await ekart.SendAsync(HttpMethod.Post, TrackPath, TrackBody, EkartFixture.Merchant, bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"unauthorised":"The token has expired. Please request a new token"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tokens_expired_mid_run_are_refused_and_a_fresh_token_works()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var old = await ekart.BearerAsync();

        ekart.Simulator.ExpireTokens();
        using var refused = await ekart.SendAsync(HttpMethod.Post, TrackPath, TrackBody, EkartFixture.Merchant, old);
        ekart.ForgetBearers();
        using var accepted = await ekart.SendAsync(HttpMethod.Post, TrackPath, TrackBody, EkartFixture.Merchant, await ekart.BearerAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("has expired", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJ4In0.c2lnbmF0dXJl")] // well-formed but not issued by the simulator
    [InlineData(null)]
    public async Task Call_without_a_valid_bearer_token_is_401(string? authorization)
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var response = await ekart.SendAsync(HttpMethod.Post, TrackPath, TrackBody, EkartFixture.Merchant, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull((await EkartFixture.ReadJsonAsync(response))!["unauthorised"]);
    }

    [Fact]
    public async Task Bearer_jwt_without_the_bearer_scheme_is_401()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var jwt = (await ekart.BearerAsync())["Bearer ".Length..];

        using var response = await ekart.SendAsync(HttpMethod.Post, TrackPath, TrackBody, EkartFixture.Merchant, jwt);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Call_without_the_merchant_header_is_401()
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var response = await ekart.SendAsync(HttpMethod.Post, TrackPath, TrackBody, merchant: null, await ekart.BearerAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_used_with_another_merchants_code_is_403_forbidden()
    {
        await using var ekart = await EkartFixture.StartAsync();

        using var response = await ekart.SendAsync(HttpMethod.Post, TrackPath, TrackBody, EkartFixture.OtherMerchant, await ekart.BearerAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotNull((await EkartFixture.ReadJsonAsync(response))!["forbidden"]);
    }

    private static JsonObject JwtClaims(string bearer)
    {
        var payload = bearer["Bearer ".Length..].Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!.AsObject();
    }
}
