using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Fulfilment.Secrets;

/// <summary>
/// Authenticated encryption of secrets before they reach Table Storage (AES-256-GCM). A stored value is
/// "enc1:&lt;key id&gt;:&lt;base64 nonce|ciphertext|tag&gt;"; the <c>purpose</c> (e.g. "CarrierAccounts/rm-demo") is bound in as
/// associated data, so a value copied onto another row does not decrypt. A reader of the tables sees no secret.
/// </summary>
public sealed class SecretProtector
{
    private const string Prefix = "enc1:";
    private const int NonceSize = 12, TagSize = 16;

    private readonly (string Id, byte[] Key) _active;
    private readonly Dictionary<string, byte[]> _readable;

    public SecretProtector(IOptions<SecretsOptions> options)
    {
        _active = ParseKey(options.Value.ActiveKey, "Secrets__ActiveKey");
        _readable = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [_active.Id] = _active.Key };
        foreach (var entry in (options.Value.PreviousKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (id, key) = ParseKey(entry, "Secrets__PreviousKeys");
            _readable.TryAdd(id, key);
        }
    }

    /// <summary>The id of the key new values are encrypted with.</summary>
    public string ActiveKeyId => _active.Id;

    /// <summary>
    /// A 32-byte key for another use of the same secret (e.g. signing OAuth states), derived with HKDF so no use can
    /// reveal or stand in for another; it changes with the active key.
    /// </summary>
    public byte[] DeriveKey(string use) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _active.Key, 32, salt: [], info: Encoding.UTF8.GetBytes(use));

    public string Protect(string plaintext, string purpose)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedValue = new byte[NonceSize + data.Length + TagSize];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_active.Key, TagSize);
        aes.Encrypt(nonce, data, sealedValue.AsSpan(NonceSize, data.Length), sealedValue.AsSpan(NonceSize + data.Length), Encoding.UTF8.GetBytes(purpose));
        return $"{Prefix}{_active.Id}:{Convert.ToBase64String(sealedValue)}";
    }

    /// <summary>The plaintext; throws <see cref="SecretUnreadableException"/> for a value of an unknown key, or one that was tampered with or moved.</summary>
    public string Unprotect(string stored, string purpose)
    {
        var colon = stored.StartsWith(Prefix, StringComparison.Ordinal) ? stored.IndexOf(':', Prefix.Length) : -1;
        if (colon < 0)
            throw new SecretUnreadableException(purpose, "it is not an encrypted value");
        var keyId = stored[Prefix.Length..colon];
        if (!_readable.TryGetValue(keyId, out var key))
            throw new SecretUnreadableException(purpose, $"it was encrypted with key '{keyId}', which is neither Secrets__ActiveKey nor in Secrets__PreviousKeys");
        byte[] sealedValue;
        try
        {
            sealedValue = Convert.FromBase64String(stored[(colon + 1)..]);
        }
        catch (FormatException)
        {
            throw new SecretUnreadableException(purpose, "it is not valid base64");
        }
        if (sealedValue.Length < NonceSize + TagSize)
            throw new SecretUnreadableException(purpose, "it is truncated");
        var length = sealedValue.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize, length), sealedValue.AsSpan(NonceSize + length), plaintext, Encoding.UTF8.GetBytes(purpose));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretUnreadableException(purpose, "it was altered, or it belongs to another row");
        }
        return Encoding.UTF8.GetString(plaintext);
    }

    private static (string Id, byte[] Key) ParseKey(string value, string setting)
    {
        var colon = value.IndexOf(':');
        var id = colon > 0 ? value[..colon].Trim() : "";
        byte[]? key = null;
        try
        {
            key = colon > 0 ? Convert.FromBase64String(value[(colon + 1)..].Trim()) : null;
        }
        catch (FormatException)
        {
        }
        if (id.Length == 0 || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_') || key is not { Length: 32 })
            throw new OptionsValidationException(setting, typeof(SecretsOptions),
                [$"{setting} must be \"<key id>:<base64 of 32 random bytes>\" (the id is letters, digits, '-' or '_')."]);
        return (id, key);
    }
}

/// <summary>A stored secret that cannot be decrypted; the message says why, never the value.</summary>
public sealed class SecretUnreadableException(string purpose, string why)
    : Exception($"The secret of {purpose} cannot be read: {why}.");
