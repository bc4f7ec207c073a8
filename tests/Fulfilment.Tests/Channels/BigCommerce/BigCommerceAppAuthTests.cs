using System.Security.Claims;
using System.Text;
using Fulfilment.Channels.BigCommerce;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Fulfilment.Tests.Channels.BigCommerce;

public class BigCommerceAppAuthTests
{
    private const string ClientId = "test-client-id";
    private const string ClientSecret = "test-client-secret-0123456789abcdef0123456789";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly FakeTimeProvider _time = new(Now);

    private BigCommerceAppAuth Auth() => new(new NoHttp(), Options.Create(new BigCommerceOptions
    {
        ApiBaseUrl = "http://127.0.0.1:1/bigcommerce/api",
        LoginBaseUrl = "http://127.0.0.1:1/bigcommerce/login",
        ClientId = ClientId,
        ClientSecret = ClientSecret,
    }), _time);

    /// <summary>A token shaped like BigCommerce's signed_payload_jwt (claims from the callbacks guide).</summary>
    private static string Jwt(string secret = ClientSecret, string audience = ClientId, string issuer = "bc", DateTimeOffset? issuedAt = null,
        TimeSpan? lifetime = null, string sub = "stores/zq3demo01")
    {
        var iat = issuedAt ?? Now.AddMinutes(-1);
        var descriptor = new SecurityTokenDescriptor
        {
            Audience = audience,
            Issuer = issuer,
            IssuedAt = iat.UtcDateTime,
            NotBefore = iat.UtcDateTime,
            Expires = (iat + (lifetime ?? TimeSpan.FromHours(24))).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = sub,
                ["jti"] = Guid.NewGuid().ToString(),
                ["user"] = new Dictionary<string, object> { ["id"] = 24654, ["email"] = "staff@example.com", ["locale"] = "en-GB" },
                ["owner"] = new Dictionary<string, object> { ["id"] = 1, ["email"] = "owner@example.com" },
                ["url"] = "/",
                ["channel_id"] = 1,
            },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    [Fact]
    public async Task Valid_signed_payload_gives_the_store_and_users()
    {
        var result = await Auth().VerifySignedPayloadAsync(Jwt());

        Assert.True(result.IsValid, result.Failure);
        var p = result.Payload!;
        Assert.Equal("zq3demo01", p.StoreHash);
        Assert.Equal("24654", p.UserId);
        Assert.Equal("staff@example.com", p.UserEmail);
        Assert.Equal("en-GB", p.UserLocale);
        Assert.Equal("owner@example.com", p.OwnerEmail);
        Assert.Equal("/", p.Url);
        Assert.Equal("1", p.ChannelId);
    }

    [Fact]
    public async Task Token_signed_with_another_secret_is_rejected()
    {
        var result = await Auth().VerifySignedPayloadAsync(Jwt(secret: "someone-elses-secret-0123456789abcdef012345"));

        Assert.False(result.IsValid);
        Assert.Contains("signature", result.Failure);
    }

    [Fact]
    public async Task Token_with_a_tampered_payload_is_rejected()
    {
        var parts = Jwt().Split('.');
        var forgedPayload = Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(parts[1]).Replace("zq3demo01", "attacker1"));

        var result = await Auth().VerifySignedPayloadAsync($"{parts[0]}.{forgedPayload}.{parts[2]}");

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Expired_token_is_rejected()
    {
        var result = await Auth().VerifySignedPayloadAsync(Jwt(issuedAt: Now.AddHours(-25)));

        Assert.False(result.IsValid);
        Assert.Contains("expired", result.Failure);
    }

    [Fact]
    public async Task Token_expired_within_the_clock_skew_is_still_accepted()
    {
        var result = await Auth().VerifySignedPayloadAsync(Jwt(issuedAt: Now.AddHours(-24).AddSeconds(-30)));

        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public async Task Lifetime_is_checked_against_the_injected_clock()
    {
        var token = Jwt();
        var auth = Auth();
        Assert.True((await auth.VerifySignedPayloadAsync(token)).IsValid);

        _time.Advance(TimeSpan.FromHours(25));

        Assert.False((await auth.VerifySignedPayloadAsync(token)).IsValid);
    }

    [Fact]
    public async Task Token_not_valid_yet_is_rejected()
    {
        var result = await Auth().VerifySignedPayloadAsync(Jwt(issuedAt: Now.AddMinutes(10)));

        Assert.False(result.IsValid);
        Assert.Contains("not valid yet", result.Failure);
    }

    [Fact]
    public async Task Token_for_another_app_is_rejected()
    {
        var result = await Auth().VerifySignedPayloadAsync(Jwt(audience: "another-app"));

        Assert.False(result.IsValid);
        Assert.Contains("audience", result.Failure);
    }

    [Fact]
    public async Task Token_from_another_issuer_is_rejected()
    {
        var result = await Auth().VerifySignedPayloadAsync(Jwt(issuer: "not-bc"));

        Assert.False(result.IsValid);
    }

    [Theory]
    [InlineData("stores/ZQ3DEMO01")]
    [InlineData("stores/zq3-demo")]
    [InlineData("zq3demo01")]
    public async Task Subject_must_be_a_valid_store_hash(string sub)
    {
        var result = await Auth().VerifySignedPayloadAsync(Jwt(sub: sub));

        Assert.False(result.IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    public async Task Garbage_is_a_failure_result_not_an_exception(string? input)
    {
        var result = await Auth().VerifySignedPayloadAsync(input);

        Assert.False(result.IsValid);
        Assert.NotNull(result.Failure);
    }

    [Fact]
    public async Task Unsigned_token_is_rejected()
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Audience = ClientId, Issuer = "bc", Expires = Now.AddHours(1).UtcDateTime, NotBefore = Now.AddMinutes(-1).UtcDateTime,
            IssuedAt = Now.AddMinutes(-1).UtcDateTime, Subject = new ClaimsIdentity([new Claim("sub", "stores/zq3demo01")]),
        };
        var unsigned = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);

        var result = await Auth().VerifySignedPayloadAsync(unsigned);

        Assert.False(result.IsValid);
    }

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("No HTTP in unit tests.");
    }
}
