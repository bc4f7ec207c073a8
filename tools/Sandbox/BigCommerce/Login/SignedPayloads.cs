using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sandbox.BigCommerce.Login;

/// <summary>The <c>signed_payload_jwt</c> BigCommerce sends to an app's load, uninstall and remove_user callbacks.</summary>
internal static class SignedPayloads
{
    /// <summary>HS256 with the client secret; the claims BigCommerce documents for callbacks.</summary>
    public static string Create(BigCommerceRegisteredApp app, string storeHash, string ownerEmail, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        var iat = issuedAt.ToUnixTimeSeconds();
        var payload = new Dictionary<string, object?>
        {
            ["aud"] = app.ClientId,
            ["iss"] = "bc",
            ["iat"] = iat,
            ["nbf"] = iat,
            ["exp"] = iat + (long)lifetime.TotalSeconds,
            ["jti"] = Guid.NewGuid().ToString(),
            ["sub"] = $"stores/{storeHash}",
            ["user"] = new Dictionary<string, object?> { ["id"] = 24654, ["email"] = ownerEmail, ["locale"] = "en-GB" },
            ["owner"] = new Dictionary<string, object?> { ["id"] = 24654, ["email"] = ownerEmail },
            ["url"] = "/",
            ["channel_id"] = 1,
        };
        return SignHs256(payload, app.ClientSecret);
    }

    public static string AppendQuery(string url, string name, string value) =>
        url + (url.Contains('?') ? '&' : '?') + name + "=" + Uri.EscapeDataString(value);

    private static string SignHs256(object payload, string secret)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["typ"] = "JWT", ["alg"] = "HS256" }));
        var body = B64(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(header + "." + body));
        return header + "." + body + "." + B64(signature);
    }
}
