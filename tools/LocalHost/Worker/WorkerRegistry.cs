using System.Collections.Concurrent;

namespace LocalHost.Worker;

/// <summary>The channels of worker processes we started and whose StartStream we are waiting for, by worker id.</summary>
internal sealed class WorkerRegistry
{
    private readonly ConcurrentDictionary<string, WorkerChannel> _expected = new(StringComparer.OrdinalIgnoreCase);

    public void Expect(WorkerChannel channel) => _expected[channel.WorkerId] = channel;

    public void Forget(WorkerChannel channel) => _expected.TryRemove(channel.WorkerId, out _);

    /// <summary>A stream opened with this worker id claims its channel once; a second stream with the same id is refused.</summary>
    public bool TryClaim(string workerId, out WorkerChannel channel) => _expected.TryRemove(workerId, out channel!);
}
