using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Queue: channel order → shipment plan, Skipped or NeedsAttention.</summary>
public sealed class NormaliseOrder(NormaliseOrderStep step)
{
    [Function(nameof(NormaliseOrder))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.OrderNormalise, Connection = StorageNames.ConnectionName)] NormaliseOrderMessage message,
        CancellationToken cancellationToken) =>
        step.RunAsync(message, cancellationToken);
}
