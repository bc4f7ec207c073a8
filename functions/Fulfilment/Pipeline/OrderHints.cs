using Fulfilment.Storage;

namespace Fulfilment.Pipeline;

/// <summary>
/// What a channel's webhook handler calls when the channel says an order was created or changed: the order is queued
/// to be read again and imported if eligible. Webhooks are hints (unsigned for some channels, possibly duplicated or
/// late): nothing in their body is trusted, and the poll stays as the backstop.
/// </summary>
public sealed class OrderHints(IWorkQueue queue)
{
    /// <param name="created">The channel's signed word that the order was just created (never from an unsigned body).</param>
    public Task HintAsync(string connectionId, string channelOrderId, CancellationToken cancellationToken, bool created = false) =>
        queue.SendAsync(StorageNames.Queues.OrderImport,
            new ImportOrderMessage(connectionId, channelOrderId, PipelineTracing.CurrentTraceParent()) { Created = created }, cancellationToken);
}
