using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Queue: writes a despatched order's shipment and tracking number back to its channel.</summary>
public sealed class MarkDespatched(WriteBackStep step)
{
    [Function(nameof(MarkDespatched))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.DespatchWriteBack, Connection = StorageNames.ConnectionName)] WriteBackMessage message,
        CancellationToken cancellationToken) =>
        step.RunAsync(message, cancellationToken);
}
