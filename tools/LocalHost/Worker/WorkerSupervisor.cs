namespace LocalHost.Worker;

/// <summary>
/// Keeps one worker running. A worker that exits on its own is restarted with back-off (1 s doubling to 30 s, reset
/// after a minute of healthy running) and its in-flight invocations fail; a restart asked for (function timeout,
/// <see cref="FunctionsLocalHost.RestartWorkerAsync"/>) kills the process tree and starts a new worker at once.
/// </summary>
internal sealed class WorkerSupervisor(WorkerLauncher launcher, Action<string> log, TimeSpan startupTimeout) : IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HealthyRun = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _restartLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource<WorkerInstance> _ready = NewReady();
    private WorkerInstance? _current;
    private int _consecutiveCrashes;

    public WorkerInstance? Current => Volatile.Read(ref _current);

    /// <summary>Starts the first worker; its failure fails the local host's start.</summary>
    public async Task StartAsync(CancellationToken ct) => Install(await launcher.StartAsync(ct));

    /// <summary>
    /// The running worker, or the next one if a restart is under way. An invocation waits at most the start-up timeout
    /// plus the longest back-off before it fails.
    /// </summary>
    public async Task<WorkerInstance> GetReadyAsync(CancellationToken ct)
    {
        var waitLimit = startupTimeout + MaxBackoff;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping.Token);
        limit.CancelAfter(waitLimit);
        try
        {
            while (true)
            {
                var ready = Volatile.Read(ref _ready);
                var worker = await ready.Task.WaitAsync(limit.Token);
                if (!worker.Channel.Closed.IsCompleted)
                    return worker;
                // Caught between the old worker's end and the start of its replacement.
                await Task.Delay(20, limit.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            throw new WorkerUnavailableException($"No worker was ready within {waitLimit.TotalSeconds:0} s.");
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new WorkerUnavailableException("The local host is stopping.");
        }
    }

    /// <summary>
    /// Kills <paramref name="worker"/> (the current one when null) and starts a new one now. Invocations still in
    /// flight on it fail with <paramref name="reason"/>; when <paramref name="lost"/> they count as lost instead.
    /// Nothing happens if that worker has already been replaced.
    /// </summary>
    public Task RestartAsync(string reason, bool lost, WorkerInstance? worker = null, CancellationToken ct = default) =>
        ReplaceAsync(worker ?? Current, new WorkerUnavailableException(reason, lost), backoff: false, ct);

    private void Install(WorkerInstance worker)
    {
        Volatile.Write(ref _current, worker);
        Volatile.Read(ref _ready).TrySetResult(worker);
        _ = WatchAsync(worker);
    }

    private async Task WatchAsync(WorkerInstance worker)
    {
        await Task.WhenAny(worker.Process.Exited, worker.Channel.Closed);
        if (_stopping.IsCancellationRequested || Current != worker)
            return; // replaced on purpose, or shutting down
        // A broken stream usually means the process is going: give it a moment, for the exit code.
        await Task.WhenAny(worker.Process.Exited, Task.Delay(TimeSpan.FromSeconds(2)));
        var code = worker.Process.ExitCode is { } c ? $"exit code {c}" : "stream closed";
        if (worker.Uptime.Elapsed > HealthyRun)
            _consecutiveCrashes = 0;
        log($"Worker pid {worker.Process.Id} stopped unexpectedly ({code}); its in-flight invocations fail and it is restarted.");
        try
        {
            await ReplaceAsync(worker, new WorkerUnavailableException($"The worker process (pid {worker.Process.Id}) exited unexpectedly ({code})."), backoff: true, _stopping.Token);
        }
        catch (OperationCanceledException) { }
    }

    private async Task ReplaceAsync(WorkerInstance? old, WorkerUnavailableException reason, bool backoff, CancellationToken ct)
    {
        await _restartLock.WaitAsync(ct);
        try
        {
            if (old is null || Current != old || _stopping.IsCancellationRequested)
                return;
            Volatile.Write(ref _current, null);
            Volatile.Write(ref _ready, NewReady());
            await old.StopAsync(reason);
            await old.DisposeAsync();

            var delay = backoff ? NextBackoff() : TimeSpan.Zero;
            while (!_stopping.IsCancellationRequested)
            {
                if (delay > TimeSpan.Zero)
                {
                    log($"Restarting the worker in {delay.TotalSeconds:0.#} s.");
                    await Task.Delay(delay, _stopping.Token);
                }
                try
                {
                    Install(await launcher.StartAsync(_stopping.Token));
                    return;
                }
                catch (InvalidOperationException ex)
                {
                    log($"Worker restart failed: {ex.Message}");
                    delay = NextBackoff();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
        finally
        {
            _restartLock.Release();
        }
    }

    private TimeSpan NextBackoff()
    {
        var crashes = Interlocked.Increment(ref _consecutiveCrashes);
        var seconds = Math.Min(MaxBackoff.TotalSeconds, FirstBackoff.TotalSeconds * Math.Pow(2, Math.Min(crashes - 1, 10)));
        return TimeSpan.FromSeconds(seconds);
    }

    private static TaskCompletionSource<WorkerInstance> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stops restarting and kills the current worker's process tree.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _restartLock.WaitAsync();
        try
        {
            if (Interlocked.Exchange(ref _current, null) is { } worker)
                await worker.DisposeAsync();
        }
        finally
        {
            _restartLock.Release();
        }
        _stopping.Dispose();
    }
}
