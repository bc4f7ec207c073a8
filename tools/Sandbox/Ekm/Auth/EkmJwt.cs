using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sandbox.Ekm.Auth;

/// <summary>
/// Compact JWS with HS256, enough for the simulator's tokens: EKM's are RS256 JWTs signed by its identity server,
/// which a client only decodes (to read <c>sub</c>), never verifies, so the algorithm does not change what a client sees.
/// </summary>
internal static class EkmJwt
{
    public static string Sign(IReadOnlyDictionary<string, object?> claims, byte[] key, string type)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "HS256", ["typ"] = type }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(header + "." + payload));
        return header + "." + payload + "." + Base64Url(signature);
    }

    /// <summary>The payload of a token this simulator signed, or null when it is malformed or its signature is wrong.</summary>
    public static JsonElement? ReadVerified(string token, byte[] key)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
            return null;
        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        var actual = FromBase64Url(parts[2]);
        if (actual is null || !CryptographicOperations.FixedTimeEquals(expected, actual))
            return null;
        var payload = FromBase64Url(parts[1]);
        if (payload is null)
            return null;
        try
        {
            return JsonDocument.Parse(payload).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
