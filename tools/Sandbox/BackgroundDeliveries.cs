namespace Sandbox;

/// <summary>
/// Deliveries a simulator makes in the background (its webhooks): each started at once, all awaitable together so a
/// test can wait for them, and all told to stop when the simulator shuts down.
/// </summary>
internal sealed class BackgroundDeliveries : IDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private readonly object _lock = new();
    private readonly List<Task> _running = [];

    /// <summary>Starts one delivery, handing it the shutdown token.</summary>
    public void Start(Func<CancellationToken, Task> delivery)
    {
        var task = delivery(_shutdown.Token);
        lock (_lock) _running.Add(task);
    }

    /// <summary>Completes when every delivery started so far (and any started meanwhile) has finished.</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_lock)
            {
                _running.RemoveAll(t => t.IsCompleted);
                running = [.. _running];
            }
            if (running.Length == 0)
                return;
            await Task.WhenAll(running);
        }
    }

    // The token source stays undisposed: deliveries still winding down read it.
    public void Dispose() => _shutdown.Cancel();
}
