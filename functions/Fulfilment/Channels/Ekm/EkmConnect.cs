using Fulfilment.Connections;

namespace Fulfilment.Channels.Ekm;

/// <summary>
/// Connecting and disconnecting an EKM store: the operator's connect call gets EKM's consent URL with our signed state,
/// and a disconnect revokes the refresh token at EKM (the access token, a JWT, lapses within the hour by itself).
/// </summary>
public sealed class EkmConnect(EkmAuth auth) : IChannelConnect, IChannelDisconnect
{
    public string Channel => EkmChannel.ChannelName;

    public Uri AuthorizeUrl(ConnectRequest request) => auth.AuthorizeUrl(request.State);

    public async Task RevokeAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        if (EkmTokenSet.From(connection) is { } tokens)
            await auth.RevokeAsync(tokens.RefreshToken, cancellationToken);
    }
}
