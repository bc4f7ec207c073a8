using Fulfilment.Connections;

namespace Fulfilment.Channels.Ekm;

/// <summary>Keeps the refresh tokens of EKM connections that are not polled from lapsing after 15 unused days.</summary>
public sealed class EkmUpkeep(EkmTokens tokens) : IChannelUpkeep
{
    public string Channel => EkmChannel.ChannelName;

    public Task KeepAliveAsync(ChannelConnection connection, CancellationToken cancellationToken) => tokens.KeepAliveAsync(connection, cancellationToken);
}
