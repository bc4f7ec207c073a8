using LocalHost.Rpc;

namespace LocalHost.Worker;

/// <summary>A started, initialised worker: its process, its stream, what it advertised, and its function ids by name.</summary>
internal sealed class WorkerInstance(
    WorkerProcess process, WorkerChannel channel, IReadOnlyDictionary<string, string> capabilities,
    IReadOnlyList<RpcFunctionMetadata> functions, IReadOnlyDictionary<string, string> functionIds) : IAsyncDisposable
{
    public WorkerProcess Process { get; } = process;

    /// <summary>How long this worker has been up; a crash after a long healthy run resets the restart back-off.</summary>
    public System.Diagnostics.Stopwatch Uptime { get; } = System.Diagnostics.Stopwatch.StartNew();
    public WorkerChannel Channel { get; } = channel;
    public IReadOnlyDictionary<string, string> Capabilities { get; } = capabilities;

    /// <summary>What the worker described at start-up (or functions.metadata, when it asked the host to index).</summary>
    public IReadOnlyList<RpcFunctionMetadata> Functions { get; } = functions;

    /// <summary>The function ids this worker loaded, by function name (ids are the worker's and may change per process).</summary>
    public IReadOnlyDictionary<string, string> FunctionIds { get; } = functionIds;

    /// <summary>The worker's own HTTP endpoint under ASP.NET Core integration (the HttpUri capability), or null.</summary>
    public Uri? HttpUri { get; } = capabilities.TryGetValue("HttpUri", out var uri) && !string.IsNullOrEmpty(uri) ? new Uri(uri) : null;

    /// <summary>Kills the process and fails whatever is still waiting on its stream with <paramref name="reason"/>.</summary>
    public async Task StopAsync(Exception reason)
    {
        Channel.Close(reason);
        await Process.KillAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Close(new WorkerUnavailableException("The local host is stopping."));
        await Process.DisposeAsync();
    }
}
