using System.Globalization;
using System.Text.Json;

namespace Sandbox.Ekm.Auth;

// Bearer token validation for the API, answering as ASP.NET Core's JwtBearer handler does: 401 with an empty body and
// a WWW-Authenticate challenge. No clock skew is allowed, so a client must refresh before the hour is up.
internal sealed partial class EkmAuthority
{
    /// <summary>The caller, or the WWW-Authenticate challenge to answer 401 with.</summary>
    public (EkmCaller? Caller, string Challenge) Authenticate(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return (null, "Bearer");
        if (EkmJwt.ReadVerified(authorization[7..].Trim(), _signingKey) is not { } payload
            || !TryString(payload, "sub", out var username) || !TryString(payload, "client_id", out var clientId)
            || !TryString(payload, "jti", out var jti)
            || !payload.TryGetProperty("exp", out var expClaim) || !expClaim.TryGetInt64(out var exp))
            return (null, "Bearer error=\"invalid_token\"");

        var now = time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        DateTimeOffset? expiredByControl;
        lock (_lock)
            expiredByControl = _expiredAccessTokens.TryGetValue(jti, out var at) ? at : null;
        if (now >= expires || expiredByControl is not null)
        {
            var shown = expiredByControl is { } e && e < expires ? e : expires;
            return (null, $"Bearer error=\"invalid_token\", error_description=\"The token expired at '{shown.UtcDateTime.ToString("MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture)}'\"");
        }
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        if (payload.TryGetProperty("scope", out var scopeClaim) && scopeClaim.ValueKind == JsonValueKind.Array)
            scopes.UnionWith(scopeClaim.EnumerateArray().Select(s => s.GetString() ?? ""));
        return (new EkmCaller(username, clientId, scopes), "");
    }

    private static bool TryString(JsonElement payload, string name, out string value)
    {
        value = payload.TryGetProperty(name, out var claim) && claim.ValueKind == JsonValueKind.String ? claim.GetString()! : "";
        return value.Length > 0;
    }
}
