namespace Fulfilment.Storage;

/// <summary>Queue and poison-queue depths for Health.</summary>
public interface IQueueInspector
{
    /// <summary>Approximate message count of each of our queues and its poison queue (0 for a queue that does not exist).</summary>
    Task<IReadOnlyDictionary<string, int>> GetDepthsAsync(CancellationToken cancellationToken);
}
