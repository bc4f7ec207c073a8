using Fulfilment.Connections;
using Fulfilment.Partners;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ekm;

/// <summary>
/// Reads one order again for a webhook hint (EKM's webhooks are unsigned and may repeat: nothing in their body is
/// trusted) and says whether it may be imported: in the import status, paid, young enough.
/// </summary>
public sealed class EkmOrderLookup(EkmClient client, EkmSession session, IOptions<EkmOptions> options) : IChannelOrderLookup
{
    public string Channel => EkmChannel.ChannelName;

    public async Task<ChannelOrderSummary?> FindEligibleAsync(ChannelConnection connection, string channelOrderId, OrderQuery query, CancellationToken cancellationToken)
    {
        var orderId = EkmChannel.ParseId(channelOrderId);
        Dtos.EkmOrder order;
        try
        {
            order = await session.CallAsync(connection, shop => client.GetOrderAsync(shop, orderId, cancellationToken), cancellationToken);
        }
        catch (EkmException ex) when (ex.Kind == PartnerFailureKind.Rejected && ex.StatusCode == 404)
        {
            return null; // a hint about an order this shop does not have (or a forged one)
        }
        var status = EkmMapper.OrderStatusCode(query.ImportStatus);
        return EkmEligibility.IsEligible(order, status, query.CreatedSince, options.Value.RequireTransactionId)
            ? EkmOrderReader.SummaryOf(order)
            : null;
    }
}
