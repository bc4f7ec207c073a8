using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Cancellation;

/// <summary>
/// Finds orders cancelled on their channel (channels that can say so: <see cref="IChannelCancellations"/>) and queues
/// the cancellation of each one we hold that is not cancelled yet. A channel that cannot answer now is asked again on
/// the next poll: a failure here never stops the poll.
/// </summary>
public sealed class ChannelCancellationScan(IOrderStore orders, IWorkQueue queue, PartnerRegistry partners, ILogger<ChannelCancellationScan> logger)
{
    /// <summary>Queues a cancellation for every order we hold that the channel lists as cancelled since <paramref name="since"/>.</summary>
    public async Task<int> ScanAsync(ChannelConnection connection, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (partners.FindChannelCancellations(connection.Channel) is not { } cancellations)
            return 0;
        var queued = 0;
        try
        {
            await foreach (var id in cancellations.ReadCancelledAsync(connection, since, cancellationToken))
            {
                var order = await orders.GetAsync(new OrderKey(connection.Id, id), cancellationToken);
                if (order is not null && await QueueAsync(order, cancellationToken))
                    queued++;
            }
        }
        catch (PartnerException ex) when (ex.Kind != PartnerFailureKind.Authentication)
        {
            logger.LogWarning(ex, "Could not read the orders cancelled on {ConnectionId}; the next poll asks again.", connection.Id);
        }
        return queued;
    }

    /// <summary>For an order a webhook hinted at: asks the channel whether it is cancelled, and queues its cancellation if so.</summary>
    public async Task<bool> CheckAsync(ChannelConnection connection, FulfilmentOrder order, CancellationToken cancellationToken)
    {
        if (IsSettled(order) || partners.FindChannelCancellations(connection.Channel) is not { } cancellations)
            return false;
        return await cancellations.IsCancelledAsync(connection, order.Key.ChannelOrderId, cancellationToken) && await QueueAsync(order, cancellationToken);
    }

    private async Task<bool> QueueAsync(FulfilmentOrder order, CancellationToken cancellationToken)
    {
        if (IsSettled(order))
            return false;
        await queue.SendAsync(StorageNames.Queues.OrderCancel, new CancelOrderMessage(order.Key.ConnectionId, order.Key.ChannelOrderId,
            "the order was cancelled on the channel", CancellationSource.Channel, order.TraceParent), cancellationToken);
        logger.LogInformation("Order {OrderKey} was cancelled on {Channel}; its cancellation is queued.", order.Key, order.Channel);
        return true;
    }

    // Cancelled already, never shipped, or waiting for its carrier order with a cancellation already asked for.
    private static bool IsSettled(FulfilmentOrder order) =>
        OrderStateMachine.IsCancelled(order.State) || order.State == OrderState.Skipped || order.CancelRequestedAt is not null;
}
