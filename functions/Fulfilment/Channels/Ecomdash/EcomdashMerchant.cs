using System.Security.Cryptography;
using System.Text;
using Fulfilment.Connections;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>
/// One merchant account's credentials, and the key its shared quota is counted under (a hash of the integration key,
/// so two connections of one account share one limiter and no table holds the key). <see cref="ToString"/> hides the key.
/// </summary>
public sealed record EcomdashMerchant(string ConnectionId, string EcdKey, string? ApplicationId)
{
    /// <summary>The merchant's "API integration key" (ecomdash Administration → Settings → Tools, or the App Store app).</summary>
    public const string EcdKeyField = "ecdSubscriptionKey";

    /// <summary>The App Store app's id, for App Store subscriptions only.</summary>
    public const string ApplicationIdField = "applicationId";

    public string LimiterKey { get; } = "ecomdash:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("ecomdash-merchant\n" + EcdKey)), 0, 12).ToLowerInvariant();

    public override string ToString() => $"EcomdashMerchant {{ ConnectionId = {ConnectionId}, LimiterKey = {LimiterKey} }}";

    /// <summary>The merchant of a stored connection; a connection without a key must be connected again.</summary>
    public static EcomdashMerchant Of(ChannelConnection connection) =>
        connection.Credential(EcdKeyField) is { Length: > 0 } key
            ? new EcomdashMerchant(connection.Id, key, connection.Credential(ApplicationIdField) is { Length: > 0 } app ? app : null)
            : throw EcomdashException.MissingCredential();
}
