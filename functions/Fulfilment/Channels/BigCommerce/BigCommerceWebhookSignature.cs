using System.Security.Cryptography;
using System.Text;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>
/// Standard Webhooks signatures as BigCommerce uses them: HMAC-SHA256, keyed with the app's raw client secret (UTF-8;
/// BigCommerce's sample hands base64(client secret) to the Standard Webhooks verifier, which decodes it again), over
/// <c>{id}.{timestamp}.{raw body}</c>, sent as one or more space-separated <c>v1,&lt;base64&gt;</c> values.
/// </summary>
public static class BigCommerceWebhookSignature
{
    /// <summary>True when any <c>v1</c> value of <paramref name="header"/> is the signature; compared in constant time.</summary>
    public static bool IsValid(string secret, string id, string timestamp, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrWhiteSpace(header) || header.Length > 2048)
            return false;
        var expected = Compute(secret, id, timestamp, body);
        Span<byte> given = stackalloc byte[64];
        var valid = false;
        foreach (var part in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith("v1,", StringComparison.Ordinal))
                continue; // another scheme (e.g. v1a, asymmetric): not one we verify
            if (Convert.TryFromBase64String(part[3..], given, out var written) && written == expected.Length)
                valid |= CryptographicOperations.FixedTimeEquals(expected, given[..written]);
        }
        return valid;
    }

    /// <summary>The header value for a delivery (<c>v1,&lt;base64&gt;</c>): what BigCommerce sends; tests and tools sign with it.</summary>
    public static string Sign(string secret, string id, string timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Compute(secret, id, timestamp, body));

    private static byte[] Compute(string secret, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes($"{id}.{timestamp}."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
