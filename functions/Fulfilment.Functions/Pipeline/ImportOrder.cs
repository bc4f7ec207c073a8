using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Queue: imports one order a channel's webhook told us about, read again from the channel.</summary>
public sealed class ImportOrder(ImportOrderStep step)
{
    [Function(nameof(ImportOrder))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.OrderImport, Connection = StorageNames.ConnectionName)] ImportOrderMessage message,
        CancellationToken cancellationToken) =>
        step.RunAsync(message, cancellationToken);
}
