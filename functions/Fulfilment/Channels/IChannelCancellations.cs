using Fulfilment.Connections;

namespace Fulfilment.Channels;

/// <summary>
/// A channel that can say which orders were cancelled there, so their shipments are cancelled too: read on every poll
/// (orders cancelled since the poll's starting point) and asked about one order when a webhook hints at a change.
/// </summary>
public interface IChannelCancellations
{
    /// <summary>The channel's name as its descriptor gives it.</summary>
    string Channel { get; }

    /// <summary>Ids of the orders cancelled on the channel that changed at or after <paramref name="since"/>.</summary>
    IAsyncEnumerable<string> ReadCancelledAsync(ChannelConnection connection, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Whether the order is cancelled on the channel now (false when the channel does not know it).</summary>
    Task<bool> IsCancelledAsync(ChannelConnection connection, string channelOrderId, CancellationToken cancellationToken);
}
