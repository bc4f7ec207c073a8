namespace Fulfilment.Storage;

/// <summary>A message the Functions host moved to a poison queue after it kept failing.</summary>
public sealed record PoisonMessage(string Queue, string MessageId, string PopReceipt, string Text, long DequeueCount, DateTimeOffset? InsertedAt);

/// <summary>Takes messages off our poison queues (to record them as failures), and sends a message to one of our queues again.</summary>
public interface IPoisonQueues
{
    /// <summary>Up to <paramref name="max"/> messages of <paramref name="queue"/>'s poison queue, hidden from others for <paramref name="visibility"/>.</summary>
    Task<IReadOnlyList<PoisonMessage>> ReceiveAsync(string queue, int max, TimeSpan visibility, CancellationToken cancellationToken);
    /// <summary>Deletes a received message; one deleted already is fine.</summary>
    Task DeleteAsync(PoisonMessage message, CancellationToken cancellationToken);
    /// <summary>Sends text, as a producer of the queue would (base64), to one of our queues.</summary>
    Task SendTextAsync(string queue, string text, CancellationToken cancellationToken);
}
