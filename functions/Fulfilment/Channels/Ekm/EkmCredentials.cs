using System.Globalization;
using Fulfilment.Connections;

namespace Fulfilment.Channels.Ekm;

/// <summary>
/// A connection's EKM tokens as one value: the access token (a 1 h JWT), the single-use refresh token and when the
/// access token expires. Stored as the connection's credential fields; <see cref="ToString"/> never shows a token.
/// </summary>
public sealed record EkmTokenSet(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt)
{
    public const string AccessTokenField = "accessToken";
    public const string RefreshTokenField = "refreshToken";
    public const string ExpiresAtField = "accessTokenExpiresAt";

    /// <summary>The tokens a connection holds, or null when it holds none (disconnected, or never connected).</summary>
    public static EkmTokenSet? From(ChannelConnection connection)
    {
        if (connection.Credential(AccessTokenField) is not { Length: > 0 } access || connection.Credential(RefreshTokenField) is not { Length: > 0 } refresh)
            return null;
        var expires = DateTimeOffset.TryParse(connection.Credential(ExpiresAtField), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : DateTimeOffset.MinValue;
        return new EkmTokenSet(access, refresh, expires);
    }

    /// <summary>The credential fields to store.</summary>
    public Dictionary<string, string> ToCredentials() => new(StringComparer.OrdinalIgnoreCase)
    {
        [AccessTokenField] = AccessToken,
        [RefreshTokenField] = RefreshToken,
        [ExpiresAtField] = ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>Replaces the connection's credentials with these tokens.</summary>
    public void ApplyTo(ChannelConnection connection) => connection.Credentials = ToCredentials();

    public bool IsFreshAt(DateTimeOffset now, TimeSpan margin) => ExpiresAt - margin > now;

    public override string ToString() => $"EkmTokenSet {{ ExpiresAt = {ExpiresAt:O} }}";
}
