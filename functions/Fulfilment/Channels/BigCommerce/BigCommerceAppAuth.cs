using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fulfilment.Channels.BigCommerce.Dtos;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Polly.Timeout;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>What the token exchange of an app install gives us. <see cref="ToString"/> never shows the token.</summary>
public sealed record BigCommerceInstallResult(
    string AccessToken,
    string Scope,
    string StoreHash,
    string? UserId,
    string? UserEmail,
    string? OwnerEmail,
    string? AccountUuid)
{
    public override string ToString() => $"BigCommerceInstallResult {{ StoreHash = {StoreHash}, Scope = {Scope}, UserEmail = {UserEmail} }}";
}

/// <summary>The claims of a verified <c>signed_payload_jwt</c> (load, uninstall and remove_user callbacks).</summary>
/// <param name="TokenId">The <c>jti</c>: each payload is accepted once.</param>
public sealed record BigCommerceSignedPayload(
    string StoreHash,
    string TokenId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string? UserId,
    string? UserEmail,
    string? UserLocale,
    string? OwnerId,
    string? OwnerEmail,
    string? Url,
    string? ChannelId);

/// <summary>The outcome of verifying a signed payload: either <see cref="Payload"/> or a <see cref="Failure"/> reason.</summary>
public sealed record SignedPayloadVerification(BigCommerceSignedPayload? Payload, string? Failure)
{
    public bool IsValid => Payload is not null;

    internal static SignedPayloadVerification Fail(string reason) => new(null, reason);
}

/// <summary>
/// The single-click app's side of BigCommerce: exchanging the install code for a store token, and verifying the
/// JWTs BigCommerce signs with our client secret (HS256, audience = client id, issuer "bc").
/// </summary>
public sealed class BigCommerceAppAuth
{
    public const string HttpClientName = "bigcommerce-login";
    /// <summary>Tolerated clock difference between BigCommerce and us.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<BigCommerceOptions> _options;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BigCommerceAppAuth(IHttpClientFactory httpClientFactory, IOptions<BigCommerceOptions> options, TimeProvider time)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _time = time;
    }

    /// <summary>
    /// POST {LoginBaseUrl}/oauth2/token with the code from the auth callback. Codes are single-use, so this is never retried.
    /// Throws <see cref="BigCommerceException"/> when BigCommerce refuses (bad code: Rejected; bad client: Authentication).
    /// </summary>
    public async Task<BigCommerceInstallResult> ExchangeCodeAsync(string code, string scope, string context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code))
            throw BigCommerceException.Invalid("The install callback has no code.");
        var storeHash = BigCommerceStoreHash.FromContext(context)
            ?? throw BigCommerceException.Invalid("The install context must be \"stores/{hash}\" with a lower-case alphanumeric hash.");
        var options = _options.Value;
        if (string.IsNullOrEmpty(options.AuthCallbackUrl))
            throw new InvalidOperationException("BigCommerce:AuthCallbackUrl is not set; it is the redirect_uri of the token exchange.");

        var body = new BcTokenRequest
        {
            ClientId = options.ClientId,
            ClientSecret = options.ClientSecret,
            Code = code,
            Context = context,
            Scope = scope,
            RedirectUri = options.AuthCallbackUrl,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, options.LoginBaseUrl.TrimEnd('/') + "/oauth2/token")
        {
            Content = new StringContent(JsonSerializer.Serialize(body, BigCommerceJson.Default.BcTokenRequest), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");

        HttpResponseMessage response;
        try
        {
            response = await _httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw BigCommerceException.FromTransportFailure(ex);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw await BigCommerceException.FromResponseAsync(response, cancellationToken);
            BcTokenResponse? token;
            try
            {
                token = await response.Content.ReadFromJsonAsync(BigCommerceJson.Default.BcTokenResponse, cancellationToken);
            }
            catch (JsonException ex)
            {
                throw BigCommerceException.FromTransportFailure(ex);
            }
            if (token?.AccessToken is not { Length: > 0 } accessToken)
                throw BigCommerceException.FromTransportFailure(new JsonException("The token answer has no access_token."));
            // Trust the hash BigCommerce answers with when present; it must match what the callback said.
            var answeredHash = BigCommerceStoreHash.FromContext(token.Context) ?? storeHash;
            return new BigCommerceInstallResult(
                accessToken,
                token.Scope ?? scope,
                answeredHash,
                token.User is { } u ? u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                token.User?.Email,
                token.Owner?.Email,
                token.AccountUuid);
        }
    }

    /// <summary>
    /// Verifies a <c>signed_payload_jwt</c>: HS256 with our client secret, audience = client id, issuer "bc", lifetime
    /// checked against the injected clock. Never throws for a bad token: the failure reason is on the result.
    /// </summary>
    public async Task<SignedPayloadVerification> VerifySignedPayloadAsync(string? jwt, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(jwt))
            return SignedPayloadVerification.Fail("no signed payload");
        if (!_handler.CanReadToken(jwt))
            return SignedPayloadVerification.Fail("the signed payload is not a JWT");

        var options = _options.Value;
        var parameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.ClientSecret)),
            ValidateIssuerSigningKey = true,
            ValidIssuer = "bc",
            ValidAudience = options.ClientId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            // Lifetime is checked against the injected clock (testable, and the same clock as the rest of the pipeline).
            LifetimeValidator = ValidateLifetime,
        };

        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(jwt, parameters);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return SignedPayloadVerification.Fail(Describe(ex));
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (!result.IsValid)
            return SignedPayloadVerification.Fail(Describe(result.Exception));
        if (result.SecurityToken is not JsonWebToken token)
            return SignedPayloadVerification.Fail("the signed payload could not be read");
        return ReadClaims(token);
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null)
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        if (notBefore is { } nbf && nbf > now + ClockSkew)
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        if (expires.Value < now - ClockSkew)
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        return true;
    }

    private static SignedPayloadVerification ReadClaims(JsonWebToken token)
    {
        JsonElement payload;
        try
        {
            payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload)).RootElement;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return SignedPayloadVerification.Fail("the signed payload's claims are not JSON");
        }
        var storeHash = BigCommerceStoreHash.FromContext(Text(payload, "sub"));
        if (storeHash is null)
            return SignedPayloadVerification.Fail("the subject is not \"stores/{hash}\" with a valid hash");
        // Without an id a payload could not be refused the second time it is sent.
        if (Text(payload, "jti") is not { Length: > 0 and <= 200 } tokenId)
            return SignedPayloadVerification.Fail("the signed payload has no token id (jti)");
        var user = payload.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        var owner = payload.TryGetProperty("owner", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
        return new SignedPayloadVerification(new BigCommerceSignedPayload(
            storeHash,
            tokenId,
            new DateTimeOffset(token.IssuedAt == DateTime.MinValue ? token.ValidFrom : token.IssuedAt, TimeSpan.Zero),
            new DateTimeOffset(token.ValidTo, TimeSpan.Zero),
            Text(user, "id"),
            Text(user, "email"),
            Text(user, "locale"),
            Text(owner, "id"),
            Text(owner, "email"),
            Text(payload, "url"),
            Text(payload, "channel_id")), null);
    }

    private static string? Text(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var v))
            return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }

    /// <summary>A short reason without token contents (IdentityModel messages can embed the token).</summary>
    private static string Describe(Exception? ex) => ex switch
    {
        SecurityTokenExpiredException => "the signed payload has expired",
        SecurityTokenNotYetValidException => "the signed payload is not valid yet",
        SecurityTokenInvalidAudienceException => "the signed payload is for another app (audience)",
        SecurityTokenInvalidIssuerException => "the signed payload was not issued by BigCommerce (issuer)",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "the signed payload's signature is invalid",
        SecurityTokenInvalidAlgorithmException => "the signed payload uses an algorithm other than HS256",
        SecurityTokenNoExpirationException => "the signed payload has no expiry",
        SecurityTokenInvalidLifetimeException => "the signed payload's lifetime is invalid",
        null => "the signed payload is invalid",
        _ => $"the signed payload is invalid ({ex.GetType().Name})",
    };
}
