using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Sandbox.Ekart;

/// <summary>What a bearer token turned out to be.</summary>
internal enum EkartTokenCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Issues and checks the bearer JWTs of <c>/auth/token</c>. Ekart signs with RS256; the simulator signs HS256 with a
/// per-instance key, which is enough because clients only decode <c>exp</c> and never verify the signature. Claims follow
/// Ekart's published sample (sub, aud carrying the merchant, grant_type, scope, iss, exp, iat, jti, client_id).
/// Not thread-safe: the simulator calls it under its lock.
/// </summary>
internal sealed class EkartTokens
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, (string MerchantCode, DateTimeOffset ExpiresAt)> _issued = new(StringComparer.Ordinal);

    public string Issue(string merchantCode, DateTimeOffset now, TimeSpan lifetime)
    {
        var jti = Guid.NewGuid().ToString();
        // exp is whole seconds, as in any JWT; the check below uses the same rounded instant.
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds());
        _issued[jti] = (merchantCode, expires);
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["sub"] = "ekl-durin-sandbox",
            ["aud"] = new JsonObject { ["merchant"] = merchantCode }.ToJsonString(),
            ["grant_type"] = "client_credentials",
            ["scope"] = new JsonArray("user.profile"),
            ["iss"] = "ekart-sandbox",
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = jti,
            ["client_id"] = "ekl-durin-sandbox",
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signingInput + "." + Base64Url(Sign(signingInput));
    }

    public EkartTokenCheck Check(string jwt, DateTimeOffset now, out string merchantCode)
    {
        merchantCode = "";
        var parts = jwt.Split('.');
        if (parts.Length != 3 || !TryFromBase64Url(parts[2], out var signature)
            || !CryptographicOperations.FixedTimeEquals(signature, Sign(parts[0] + "." + parts[1]))
            || !TryFromBase64Url(parts[1], out var payloadBytes))
            return EkartTokenCheck.Invalid;
        string? jti;
        try { jti = JsonNode.Parse(payloadBytes)?["jti"]?.GetValue<string>(); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException) { return EkartTokenCheck.Invalid; }
        if (jti is null || !_issued.TryGetValue(jti, out var issued)) return EkartTokenCheck.Invalid;
        merchantCode = issued.MerchantCode;
        return now >= issued.ExpiresAt ? EkartTokenCheck.Expired : EkartTokenCheck.Valid;
    }

    /// <summary>Every token issued so far expires now (a mid-run expiry for chaos tests).</summary>
    public void ExpireAll(DateTimeOffset now)
    {
        foreach (var jti in _issued.Keys.ToList())
            _issued[jti] = _issued[jti] with { ExpiresAt = now };
    }

    private byte[] Sign(string signingInput) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written)) return false;
        bytes = bytes[..written];
        return true;
    }
}
