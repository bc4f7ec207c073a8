namespace Fulfilment.Storage;

/// <summary>
/// A request budget shared by every instance (a sliding window of grants in Table Storage), so a partner's
/// per-account rate limit holds however many instances run.
/// </summary>
public interface IDistributedRateGate
{
    /// <summary>
    /// Waits until one request for <paramref name="key"/> fits within <paramref name="permitsPerSecond"/>, and returns
    /// the time the permit was granted (no more than the limit are ever granted within any rolling second).
    /// </summary>
    ValueTask<DateTimeOffset> WaitAsync(string key, int permitsPerSecond, CancellationToken cancellationToken);
}
