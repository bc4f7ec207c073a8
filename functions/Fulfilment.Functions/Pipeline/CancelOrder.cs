using Fulfilment.Cancellation;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Queue: cancels one order and its carrier shipment (cancelled on its channel, or waiting for its carrier order).</summary>
public sealed class CancelOrder(CancelOrderStep step)
{
    [Function(nameof(CancelOrder))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.OrderCancel, Connection = StorageNames.ConnectionName)] CancelOrderMessage message,
        CancellationToken cancellationToken) =>
        step.RunAsync(message, cancellationToken);
}
