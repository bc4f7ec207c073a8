using System.Globalization;
using Fulfilment.Connections;
using Fulfilment.Partners;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>
/// Reads one order again for a webhook hint (nothing in a delivery's body is trusted beyond the order id) and says
/// whether a poll would import it: in the import status and young enough.
/// </summary>
public sealed class BigCommerceOrderLookup(BigCommerceClient client) : IChannelOrderLookup
{
    public string Channel => BigCommerceChannel.ChannelName;

    public async Task<ChannelOrderSummary?> FindEligibleAsync(ChannelConnection connection, string channelOrderId, OrderQuery query, CancellationToken cancellationToken)
    {
        if (!long.TryParse(channelOrderId, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId) || orderId <= 0)
            throw BigCommerceException.Invalid($"BigCommerce order id must be a number, not \"{channelOrderId}\".");
        var statusId = BigCommerceChannel.StatusIdOf(query.ImportStatus)
            ?? throw BigCommerceException.Invalid($"The BigCommerce import status must be a status id such as \"9\", not \"{query.ImportStatus}\".");
        Dtos.BcOrder order;
        try
        {
            order = await client.GetOrderAsync(BigCommerceChannel.StoreOf(connection), orderId, cancellationToken);
        }
        catch (PartnerException ex) when (ex.StatusCode == 404)
        {
            return null; // a hint about an order this store does not have
        }
        return BigCommerceChannel.IsInWindow(order, statusId, query) ? BigCommerceOrderReader.SummaryOf(order) : null;
    }
}
