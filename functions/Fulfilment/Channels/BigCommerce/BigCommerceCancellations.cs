using System.Globalization;
using System.Runtime.CompilerServices;
using Fulfilment.Connections;
using Fulfilment.Partners;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>
/// Orders cancelled in BigCommerce (status 5, Cancelled), so their shipments are cancelled too: listed by modification
/// time on every poll, and checked one by one when a webhook hints at a change.
/// </summary>
public sealed class BigCommerceCancellations(BigCommerceClient client) : IChannelCancellations
{
    /// <summary>BigCommerce's own status id of a cancelled order (one of its 15 fixed statuses).</summary>
    public const int CancelledStatus = 5;

    public string Channel => BigCommerceChannel.ChannelName;

    public async IAsyncEnumerable<string> ReadCancelledAsync(ChannelConnection connection, DateTimeOffset since,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var store = BigCommerceChannel.StoreOf(connection);
        for (var page = 1; ; page++)
        {
            var orders = await client.ListOrdersAsync(store, new BigCommerceOrderQuery
            {
                StatusId = CancelledStatus,
                MinDateModified = since,
                Sort = "id:asc",
                Page = page,
                Limit = BigCommerceClient.MaxPageSize,
            }, cancellationToken);
            foreach (var order in orders)
                yield return order.Id.ToString(CultureInfo.InvariantCulture);
            if (orders.Count < BigCommerceClient.MaxPageSize)
                yield break;
        }
    }

    public async Task<bool> IsCancelledAsync(ChannelConnection connection, string channelOrderId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(channelOrderId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return false;
        try
        {
            return (await client.GetOrderAsync(BigCommerceChannel.StoreOf(connection), id, cancellationToken)).StatusId == CancelledStatus;
        }
        catch (PartnerException ex) when (ex.StatusCode == 404)
        {
            return false;
        }
    }
}
