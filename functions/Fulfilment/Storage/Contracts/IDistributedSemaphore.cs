namespace Fulfilment.Storage;

/// <summary>
/// At most N holders of a key at a time across every instance (e.g. a partner's "3 concurrent calls per operation").
/// A slot is held until it is disposed, or until its hold time passes, so a crashed holder frees it by itself.
/// </summary>
public interface IDistributedSemaphore
{
    /// <summary>Waits for one of <paramref name="slots"/> slots of <paramref name="key"/>; dispose the answer to free it.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(string key, int slots, TimeSpan hold, CancellationToken cancellationToken);
}
