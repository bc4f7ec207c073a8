using System.Security.Cryptography;
using System.Text;

namespace Fulfilment.Carriers.Ekart;

/// <summary>
/// Checks a webhook's signature: HMAC-SHA256 of the raw body bytes keyed with the account's secret (UTF-8). Ekart's
/// digest encoding is UNCONFIRMED, so lower- or upper-case hex and Base64 are both accepted, with or without a
/// "sha256=" prefix; the comparison takes the same time whatever matches.
/// </summary>
public static class EkartWebhookSignature
{
    public static bool IsValid(ReadOnlySpan<byte> body, string secret, string? presented)
    {
        if (string.IsNullOrWhiteSpace(presented) || string.IsNullOrEmpty(secret))
            return false;
        var text = presented.Trim();
        if (text.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
            text = text[7..];
        var given = Decode(text);
        if (given is null)
            return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Lower-case hex of the HMAC, as Ekart is believed to send it (tests and tools sign with this).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static byte[]? Decode(string text)
    {
        if (text.Length == 64 && text.All(char.IsAsciiHexDigit))
            return Convert.FromHexString(text);
        var buffer = new byte[48];
        return Convert.TryFromBase64String(text, buffer, out var written) && written == 32 ? buffer[..32] : null;
    }
}
