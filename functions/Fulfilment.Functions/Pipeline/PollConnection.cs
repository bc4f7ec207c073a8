using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Queue: reads one connection's new orders and queues each for normalisation.</summary>
public sealed class PollConnection(PollConnectionStep step)
{
    [Function(nameof(PollConnection))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.ChannelPoll, Connection = StorageNames.ConnectionName)] PollConnectionMessage message,
        CancellationToken cancellationToken) =>
        step.RunAsync(message, cancellationToken);
}
