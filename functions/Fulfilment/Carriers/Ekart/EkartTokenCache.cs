using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Fulfilment.Carriers.Ekart;

/// <summary>
/// Bearer tokens per account, kept until shortly before the expiry their JWT states (<see cref="EkartOptions.TokenRenewBefore"/>),
/// or for <see cref="EkartOptions.TokenFallbackLifetime"/> when it states none. One issue at a time per account; a token
/// Ekart calls expired is dropped (unless a newer one replaced it meanwhile) and the next call gets a fresh one. Tokens
/// live in memory only: each instance asks for its own, and none is ever logged.
/// </summary>
public sealed class EkartTokenCache(TimeProvider time, IOptionsMonitor<EkartOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    private sealed record Entry(string Authorization, DateTimeOffset RenewAt);

    /// <summary>The Authorization value to send for <paramref name="credential"/>, issuing a new token when none is fresh.</summary>
    public async Task<string> GetAsync(EkartCredential credential, Func<CancellationToken, Task<string>> issue, CancellationToken cancellationToken)
    {
        var key = Key(credential);
        if (Fresh(key) is { } cached)
            return cached;
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(key) is { } issuedMeanwhile)
                return issuedMeanwhile;
            var authorization = await issue(cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var renewAt = ExpiryOf(authorization) is { } expires
                ? expires - options.CurrentValue.TokenRenewBefore
                : now + options.CurrentValue.TokenFallbackLifetime;
            _entries[key] = new Entry(authorization, renewAt);
            return authorization;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops <paramref name="authorization"/> if it is still the cached one (a newer token is kept).</summary>
    public void Invalidate(EkartCredential credential, string authorization)
    {
        var key = Key(credential);
        if (_entries.TryGetValue(key, out var entry) && entry.Authorization == authorization)
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
    }

    /// <summary>The <c>exp</c> of a "Bearer &lt;jwt&gt;" value, or null when it cannot be read (clients decode it; nobody verifies it here).</summary>
    public static DateTimeOffset? ExpiryOf(string authorization)
    {
        var jwt = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : authorization.Trim();
        var parts = jwt.Split('.');
        if (parts.Length != 3)
            return null;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            using var document = JsonDocument.Parse(Convert.FromBase64String(payload));
            return document.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    private string? Fresh(string key) =>
        _entries.TryGetValue(key, out var entry) && time.GetUtcNow() < entry.RenewAt ? entry.Authorization : null;

    // A new Token (or merchant code) stored on the account means a new key: the old token is not reused.
    private static string Key(EkartCredential credential) =>
        $"{credential.AccountId}\n{credential.MerchantCode}\n{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credential.Token)), 0, 8)}";
}
