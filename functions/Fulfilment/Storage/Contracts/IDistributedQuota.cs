namespace Fulfilment.Storage;

/// <summary>
/// A request budget over a window (e.g. 120 calls a minute) shared by every instance, which a partner's Retry-After
/// can close for all of them at once: the partner's quota is shared by everything calling it, ours included.
/// </summary>
public interface IDistributedQuota
{
    /// <summary>
    /// Waits until the key is not paused and fewer than <paramref name="permits"/> were granted within the last
    /// <paramref name="window"/>, then grants one and returns when.
    /// </summary>
    ValueTask<DateTimeOffset> WaitAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Nobody is granted a permit for <paramref name="key"/> before <paramref name="until"/> (a later pause wins).</summary>
    Task PauseUntilAsync(string key, DateTimeOffset until, CancellationToken cancellationToken);
}
