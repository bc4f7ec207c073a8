using Fulfilment.Orders;
using Fulfilment.Storage;

namespace Fulfilment.Pipeline;

/// <summary>Sends an order that needs attention back through the pipeline once its cause is fixed.</summary>
public sealed class OrderReplay(IOrderStore orders, IWorkQueue queue, DespatchWriteBacks writeBacks, TimeProvider time)
{
    /// <summary>Null if there is no such order; otherwise the state it resumed from.</summary>
    public async Task<OrderState?> ReplayAsync(OrderKey key, CancellationToken cancellationToken)
    {
        var order = await orders.GetAsync(key, cancellationToken);
        if (order is null)
            return null;
        var resumed = order.Replay(time.GetUtcNow());
        await orders.SaveAsync(order, cancellationToken);
        if (resumed == OrderState.Imported)
            await queue.SendAsync(StorageNames.Queues.OrderNormalise, new NormaliseOrderMessage(key.ConnectionId, key.ChannelOrderId, order.TraceParent), cancellationToken);
        else
            await writeBacks.StartAsync(order, cancellationToken);
        return resumed;
    }
}
