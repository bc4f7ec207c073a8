using Fulfilment.Connections;

namespace Fulfilment.Channels;

/// <summary>
/// A channel that can be asked about one order by id (for order webhooks, which are only hints: the order is read again
/// and its eligibility checked here, never taken from the webhook's body).
/// </summary>
public interface IChannelOrderLookup
{
    string Channel { get; }

    /// <summary>The order's listing summary if it exists and is eligible for the query (status, age, payment); else null.</summary>
    Task<ChannelOrderSummary?> FindEligibleAsync(ChannelConnection connection, string channelOrderId, OrderQuery query, CancellationToken cancellationToken);
}
