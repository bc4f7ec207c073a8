namespace Fulfilment.Storage;

/// <summary>
/// A request budget shared by every instance (Table Storage counters per one-second window), so a partner's
/// per-account rate limit holds however many instances run.
/// </summary>
public interface IDistributedRateGate
{
    /// <summary>Waits until one request for <paramref name="key"/> fits within <paramref name="permitsPerSecond"/>.</summary>
    ValueTask WaitAsync(string key, int permitsPerSecond, CancellationToken cancellationToken);
}
