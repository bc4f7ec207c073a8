namespace Fulfilment.Storage;

/// <summary>Sends work to our queues with the encoding host.json expects (base64 of UTF-8 JSON).</summary>
public interface IWorkQueue
{
    Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken, TimeSpan? visibilityDelay = null) where T : Pipeline.IPipelineMessage;
}
