using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fulfilment.Secrets;
using Fulfilment.Storage;
using Microsoft.IdentityModel.Tokens;

namespace Fulfilment.Connections;

/// <summary>
/// The <c>state</c> of an OAuth connect: what the operator asked for (trading name, settings), signed with a key derived
/// from the secrets key, valid for <see cref="Lifetime"/>, and accepted once. A callback with a missing, forged,
/// replayed or expired state changes nothing.
/// </summary>
public sealed class OAuthStates(SecretProtector secrets, ISingleUseTokenStore usedTokens, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private const string Use = "oauth-state-v1";

    /// <summary>A signed state for <paramref name="channel"/> carrying <paramref name="values"/>.</summary>
    public string Create(string channel, IReadOnlyDictionary<string, string> values)
    {
        var payload = new StatePayload(channel, Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(18)), time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds(), new(values));
        var body = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(payload, StatePayloadContext.Default.StatePayload));
        return body + "." + Sign(body);
    }

    /// <summary>The values, if the state is genuine, for this channel, unexpired and presented for the first time; otherwise why not.</summary>
    public async Task<(IReadOnlyDictionary<string, string>? Values, string? Failure)> RedeemAsync(string channel, string? state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(state))
            return (null, "the link has no state");
        var dot = state.IndexOf('.');
        if (dot <= 0 || state.Length > 4096)
            return (null, "the state is not one we issued");
        var body = state[..dot];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body)), Encoding.ASCII.GetBytes(state[(dot + 1)..])))
            return (null, "the state's signature is not ours");
        StatePayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(Base64UrlEncoder.DecodeBytes(body), StatePayloadContext.Default.StatePayload);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return (null, "the state cannot be read");
        }
        if (payload is null || !string.Equals(payload.Channel, channel, StringComparison.OrdinalIgnoreCase))
            return (null, "the state was issued for another channel");
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt);
        if (expiresAt < time.GetUtcNow())
            return (null, "the link has expired; start connecting again");
        if (!await usedTokens.TryUseAsync("oauth-state", payload.Nonce, expiresAt, cancellationToken))
            return (null, "the link was used already; start connecting again");
        return (payload.Values, null);
    }

    private string Sign(string body) =>
        Base64UrlEncoder.Encode(HMACSHA256.HashData(secrets.DeriveKey(Use), Encoding.ASCII.GetBytes(body)));
}

/// <summary>What a state carries: the channel, a nonce (single use), the expiry (unix seconds) and the operator's values.</summary>
internal sealed record StatePayload(string Channel, string Nonce, long ExpiresAt, Dictionary<string, string> Values);

[System.Text.Json.Serialization.JsonSerializable(typeof(StatePayload))]
internal sealed partial class StatePayloadContext : System.Text.Json.Serialization.JsonSerializerContext;
