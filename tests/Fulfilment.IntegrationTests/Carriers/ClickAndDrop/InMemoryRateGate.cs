using Fulfilment.Storage;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>
/// An in-process <see cref="IDistributedRateGate"/> for client tests: a sliding window per key. The window is a little
/// longer than a second because the simulator counts arrivals, which trail our permits by a few milliseconds.
/// </summary>
internal sealed class InMemoryRateGate(TimeProvider time, TimeSpan? window = null) : IDistributedRateGate
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromMilliseconds(1200);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _granted = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _mutex = new(1, 1);

    public async ValueTask<DateTimeOffset> WaitAsync(string key, int permitsPerSecond, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            await _mutex.WaitAsync(cancellationToken);
            try
            {
                var now = time.GetUtcNow();
                if (!_granted.TryGetValue(key, out var granted)) _granted[key] = granted = new Queue<DateTimeOffset>();
                while (granted.Count > 0 && granted.Peek() <= now - _window) granted.Dequeue();
                if (granted.Count < permitsPerSecond)
                {
                    granted.Enqueue(now);
                    return now;
                }
                wait = granted.Peek() + _window - now;
            }
            finally
            {
                _mutex.Release();
            }
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
