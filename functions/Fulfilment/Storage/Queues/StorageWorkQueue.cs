using Azure;
using Azure.Storage.Queues;
using Fulfilment.Pipeline;

namespace Fulfilment.Storage.Queues;

/// <summary>
/// Sends JSON messages through a <see cref="QueueServiceClient"/> configured with base64 encoding (what host.json's
/// queue trigger expects). Creates a missing queue on first 404, so a fresh account needs no set-up step to send.
/// </summary>
public sealed class StorageWorkQueue(QueueServiceClient service) : IWorkQueue
{
    public async Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken, TimeSpan? visibilityDelay = null)
        where T : IPipelineMessage
    {
        var body = BinaryData.FromBytes(PipelineMessageJson.Serialize(message));
        var queue = service.GetQueueClient(queueName);
        try
        {
            await queue.SendMessageAsync(body, visibilityDelay, timeToLive: null, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queue.SendMessageAsync(body, visibilityDelay, timeToLive: null, cancellationToken);
        }
    }
}
