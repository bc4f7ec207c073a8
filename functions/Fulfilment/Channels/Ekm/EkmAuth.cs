using System.Net.Http.Json;
using System.Text.Json;
using Fulfilment.Channels.Ekm.Dtos;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Polly.Timeout;

namespace Fulfilment.Channels.Ekm;

/// <summary>What a code exchange gives us: the shop (the token's <c>sub</c>), the tokens and the scopes granted.</summary>
public sealed record EkmGrant(string Username, EkmTokenSet Tokens, string? Scope)
{
    public override string ToString() => $"EkmGrant {{ Username = {Username}, Scope = {Scope}, {Tokens} }}";
}

/// <summary>
/// EKM's identity server (<c>/connect/authorize</c>, <c>/connect/token</c>, <c>/connect/revocation</c>). Nothing here is
/// retried: codes and refresh tokens are single-use, so a second attempt with the same one can only fail.
/// </summary>
public sealed class EkmAuth(IHttpClientFactory httpClientFactory, IOptions<EkmOptions> options, TimeProvider time)
{
    public const string HttpClientName = "ekm-auth";

    /// <summary>The consent URL for a merchant, carrying our signed state. <c>prompt=login</c> makes EKM ask which shop.</summary>
    public Uri AuthorizeUrl(string state)
    {
        var o = options.Value;
        var query = string.Join('&', new[]
        {
            ("client_id", o.ClientId),
            ("scope", EkmScopes.Joined),
            ("redirect_uri", o.RedirectUrl),
            ("state", state),
            ("prompt", "login"),
            ("response_type", "code"),
        }.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        return new Uri($"{o.AuthBaseUrl.TrimEnd('/')}/connect/authorize?{query}", UriKind.Absolute);
    }

    /// <summary>Exchanges the callback's code for tokens (once; a code is single-use).</summary>
    public async Task<EkmGrant> ExchangeCodeAsync(string code, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var token = await PostTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = o.RedirectUrl,
            ["client_id"] = o.ClientId,
            ["client_secret"] = o.ClientSecret,
        }, cancellationToken);
        if (token.RefreshToken is not { Length: > 0 })
            throw EkmException.Invalid("EKM granted no refresh token (offline_access was not granted); connect the store again and allow offline access.");
        var username = UsernameOf(token.AccessToken!)
            ?? throw EkmException.Invalid("EKM's access token names no shop (no sub claim).");
        return new EkmGrant(username, TokensOf(token, token.RefreshToken), token.Scope);
    }

    /// <summary>
    /// Spends <paramref name="refreshToken"/> (single-use) for new tokens. The caller must store the new refresh token
    /// before using the access token: the old one is gone once EKM has answered.
    /// </summary>
    public async Task<EkmTokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var token = await PostTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = o.ClientId,
            ["client_secret"] = o.ClientSecret,
        }, cancellationToken);
        // Each refresh answers a new refresh token; were one missing, the old one is spent anyway.
        if (token.RefreshToken is not { Length: > 0 } next)
            throw EkmException.FromTransportFailure(new JsonException("EKM's refresh answer has no refresh_token."));
        return TokensOf(token, next);
    }

    /// <summary>Revokes a refresh token (RFC 7009). EKM does not document this endpoint (UNCONFIRMED); a failure is the caller's to log.</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var response = await SendAsync("/connect/revocation", new Dictionary<string, string>
        {
            ["token"] = refreshToken,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = o.ClientId,
            ["client_secret"] = o.ClientSecret,
        }, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await EkmException.FromResponseAsync(response, cancellationToken);
    }

    /// <summary>The merchant username in an EKM access token's <c>sub</c> claim (read, not verified: it came straight from EKM).</summary>
    public static string? UsernameOf(string accessToken)
    {
        try
        {
            var sub = new JsonWebToken(accessToken).Subject;
            return string.IsNullOrWhiteSpace(sub) || sub.Length > 100 || sub.Any(char.IsControl) ? null : sub;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private EkmTokenSet TokensOf(EkmTokenResponse token, string refreshToken) =>
        new(token.AccessToken!, refreshToken, time.GetUtcNow().AddSeconds(token.ExpiresIn is { } s && s > 0 ? s : 3600));

    private async Task<EkmTokenResponse> PostTokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("/connect/token", form, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await EkmException.FromResponseAsync(response, cancellationToken);
        EkmTokenResponse? token;
        try
        {
            token = await response.Content.ReadFromJsonAsync<EkmTokenResponse>(EkmJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw EkmException.FromTransportFailure(ex);
        }
        if (token?.AccessToken is not { Length: > 0 })
            throw EkmException.FromTransportFailure(new JsonException("EKM's token answer has no access_token."));
        return token;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.AuthBaseUrl.TrimEnd('/') + path)
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Accept.ParseAdd("application/json");
        try
        {
            return await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw EkmException.FromTransportFailure(ex);
        }
    }
}
