using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Ekm.Auth;

// POST /connect/token and /connect/revocation, with IdentityServer's validation order and error codes: every error is
// a 400 with {"error": ...} (IdentityServer answers invalid_client with 400 too, not 401).
internal sealed partial class EkmAuthority
{
    public EkmResult Token(IFormCollection form, string? authorization, string issuer)
    {
        var app = AuthenticateClient(form, authorization);
        if (app is null)
            return TokenError("invalid_client");
        var grantType = Form(form, "grant_type");
        return grantType switch
        {
            null => TokenError("unsupported_grant_type"),
            "authorization_code" => RedeemCode(app, form, issuer),
            "refresh_token" => Refresh(app, form, issuer),
            // Grants IdentityServer knows but this app is not allowed; anything else is unsupported.
            "client_credentials" or "password" or "implicit" or "hybrid" or "urn:ietf:params:oauth:grant-type:device_code" => TokenError("unauthorized_client"),
            _ => TokenError("unsupported_grant_type"),
        };
    }

    /// <summary>RFC 7009: revokes a refresh token (and nothing else: access tokens are self-contained JWTs).</summary>
    public EkmResult Revoke(IFormCollection form, string? authorization)
    {
        var app = AuthenticateClient(form, authorization);
        if (app is null)
            return TokenError("invalid_client");
        var token = Form(form, "token");
        if (token is null)
            return TokenError("invalid_request");
        if (Form(form, "token_type_hint") is { } hint && hint is not ("refresh_token" or "access_token"))
            return TokenError("unsupported_token_type");
        lock (_lock)
        {
            if (_refreshTokens.TryGetValue(token, out var grant) && grant.ClientId == app.ClientId)
                grant.Revoked = true;
        }
        return EkmResult.Empty(StatusCodes.Status200OK); // also for unknown tokens, as RFC 7009 says
    }

    private EkmResult RedeemCode(EkmApp app, IFormCollection form, string issuer)
    {
        var code = Form(form, "code");
        if (code is null)
            return TokenError("invalid_grant");
        PendingCode? pending;
        lock (_lock)
        {
            // Found codes are removed before any other check: a code is gone after one attempt, good or bad.
            if (!_codes.Remove(code, out pending))
                return TokenError("invalid_grant");
        }
        var now = time.GetUtcNow();
        if (pending.ClientId != app.ClientId || now - pending.IssuedAt > options().AuthorizationCodeLifetime)
            return TokenError("invalid_grant");
        // IdentityServer answers unauthorized_client here (RFC 6749 would say invalid_grant): UNCONFIRMED for EKM.
        if (!string.Equals(Form(form, "redirect_uri"), pending.RedirectUri, StringComparison.Ordinal))
            return TokenError("unauthorized_client");
        if (!VerifiesChallenge(pending, Form(form, "code_verifier")))
            return TokenError("invalid_grant");

        if (options().NewConsentRevokesEarlierRefreshTokens && pending.Scopes.Contains(EkmScopes.OfflineAccess))
            RevokeRefreshTokens(pending.Username, app.ClientId);
        return Issue(app, pending.Username, pending.Scopes, pending.Scopes, pending.Nonce, now, chainStarted: now, issuer);
    }

    private EkmResult Refresh(EkmApp app, IFormCollection form, string issuer)
    {
        var handle = Form(form, "refresh_token");
        if (handle is null)
            return TokenError("invalid_request");
        var now = time.GetUtcNow();
        RefreshGrant? grant;
        lock (_lock)
        {
            // Single use: the lock makes two instances refreshing with the same token get one success and one invalid_grant.
            if (!_refreshTokens.TryGetValue(handle, out grant) || !grant.IsLive || HasLapsed(grant, now) || grant.ClientId != app.ClientId)
                return TokenError("invalid_grant");
            if (!app.AllowedScopes.Contains(EkmScopes.OfflineAccess))
                return TokenError("invalid_grant");
            var requested = EkmScopes.Split(Form(form, "scope"));
            if (requested.Any(s => !grant.Scopes.Contains(s)))
                return TokenError("invalid_scope");
            grant.Used = true;
            var accessScopes = requested.Count > 0 ? requested : grant.Scopes;
            return Issue(app, grant.Username, grant.Scopes, accessScopes, nonce: null, now, grant.ChainStarted, issuer);
        }
    }

    /// <summary>Mints the access token (and a refresh token when offline_access was granted, and an id_token for openid).</summary>
    private EkmResult Issue(EkmApp app, string username, IReadOnlyList<string> grantScopes, IReadOnlyList<string> accessScopes,
        string? nonce, DateTimeOffset now, DateTimeOffset chainStarted, string issuer)
    {
        var lifetime = options().AccessTokenLifetime;
        var iat = now.ToUnixTimeSeconds();
        var response = new Dictionary<string, object>(StringComparer.Ordinal);
        if (accessScopes.Contains(EkmScopes.OpenId))
        {
            response["id_token"] = EkmJwt.Sign(new Dictionary<string, object?>
            {
                ["nbf"] = iat, ["exp"] = iat + 300, ["iss"] = issuer, ["aud"] = app.ClientId, ["iat"] = iat,
                ["sub"] = username, ["auth_time"] = iat, ["idp"] = "local", ["nonce"] = nonce,
            }, _signingKey, "JWT");
        }
        var jti = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        lock (_lock)
            _accessTokenOwners[jti] = username;
        response["access_token"] = EkmJwt.Sign(new Dictionary<string, object?>
        {
            ["nbf"] = iat,
            ["exp"] = iat + (long)lifetime.TotalSeconds,
            ["iss"] = issuer,
            ["aud"] = "tempest", // UNCONFIRMED: EKM's API resource name
            ["client_id"] = app.ClientId,
            ["sub"] = username,
            ["auth_time"] = iat,
            ["idp"] = "local",
            ["jti"] = jti,
            ["iat"] = iat,
            ["scope"] = accessScopes,
        }, _signingKey, "at+jwt");
        response["expires_in"] = (long)lifetime.TotalSeconds;
        response["token_type"] = "Bearer";
        if (grantScopes.Contains(EkmScopes.OfflineAccess))
        {
            var refresh = NewHandle();
            lock (_lock)
                _refreshTokens[refresh] = new RefreshGrant(app.ClientId, username, grantScopes, chainStarted, now);
            response["refresh_token"] = refresh;
        }
        response["scope"] = string.Join(' ', accessScopes);
        return NoStore(new EkmResult(StatusCodes.Status200OK, response, EkmJson.Wire));
    }

    /// <summary>client_secret_basic or client_secret_post, as IdentityServer accepts both.</summary>
    private EkmApp? AuthenticateClient(IFormCollection form, string? authorization)
    {
        string? clientId = Form(form, "client_id"), secret = Form(form, "client_secret");
        if (authorization is not null && authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                var colon = pair.IndexOf(':');
                if (colon > 0)
                    (clientId, secret) = (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return null;
            }
        }
        if (clientId is null || secret is null)
            return null;
        lock (_lock)
        {
            return _apps.TryGetValue(clientId, out var app)
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(app.ClientSecret))
                ? app
                : null;
        }
    }

    private static bool VerifiesChallenge(PendingCode pending, string? verifier)
    {
        if (pending.CodeChallenge is null)
            return verifier is null; // IdentityServer refuses an unexpected code_verifier
        if (verifier is null || verifier.Length is < 43 or > 128)
            return false;
        var computed = pending.CodeChallengeMethod == "S256"
            ? Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_')
            : verifier;
        return string.Equals(computed, pending.CodeChallenge, StringComparison.Ordinal);
    }

    private static string? Form(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;

    private static EkmResult TokenError(string error) =>
        NoStore(new EkmResult(StatusCodes.Status400BadRequest, new Dictionary<string, string> { ["error"] = error }, EkmJson.Wire));

    private static EkmResult NoStore(EkmResult result) =>
        result.WithHeader("Cache-Control", "no-store, no-cache, max-age=0").WithHeader("Pragma", "no-cache");
}
