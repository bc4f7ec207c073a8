namespace Fulfilment.Storage.Tables;

/// <summary>
/// A distributed semaphore made of leases: slot i of a key is the lease "{key}#i". A holder that crashes keeps its slot
/// only until the lease's hold time passes. Waiters retry with a growing, jittered delay.
/// </summary>
public sealed class LeaseSemaphore(ILeaseStore leases, TimeProvider time) : IDistributedSemaphore
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(400);

    public async ValueTask<IAsyncDisposable> AcquireAsync(string key, int slots, TimeSpan hold, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        var retry = FirstRetry;
        while (true)
        {
            // Start at a random slot, so waiters do not all fight over slot 0.
            var first = Random.Shared.Next(slots);
            for (var i = 0; i < slots; i++)
            {
                if (await leases.TryAcquireAsync($"{key}#{(first + i) % slots}", hold, cancellationToken) is { } lease)
                    return lease;
            }
            await Task.Delay(retry * (0.5 + Random.Shared.NextDouble()), time, cancellationToken);
            retry = retry * 2 > LongestRetry ? LongestRetry : retry * 2;
        }
    }
}
