using System.Diagnostics;
using LocalHost.Configuration;
using LocalHost.Rpc;
using MessageKind = LocalHost.Rpc.StreamingMessage.ContentOneofCase;

namespace LocalHost.Worker;

/// <summary>
/// Starts a worker process and walks it through the start-up exchange the real host uses:
/// StartStream → WorkerInitRequest/Response → FunctionsMetadataRequest/FunctionMetadataResponse → one
/// FunctionLoadRequest/Response per function. Any failure stops the process and says why, with its recent output.
/// </summary>
internal sealed class WorkerLauncher(
    WorkerConfig config, string appDirectory, AppSettings settings, GrpcServer server, WorkerRegistry registry,
    WorkerLog log, TimeSpan startupTimeout)
{
    /// <summary>Reported as the host version in WorkerInitRequest; a v4 host.</summary>
    public const string HostVersion = "4.1040.300.0";

    /// <summary>
    /// One worker of this process starts at a time, until its HTTP port is listening. The worker picks its HTTP port by
    /// probing for an unused one and binding it later (ASP.NET Core integration's HttpUriProvider): two workers starting
    /// together can pick the same port, one on IPv4 and one on IPv6, and a host would then forward to another host's
    /// worker (seen with tests running in parallel).
    /// </summary>
    private static readonly SemaphoreSlim StartGate = new(1, 1);

    public async Task<WorkerInstance> StartAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var workerId = Guid.NewGuid().ToString();
        var channel = new WorkerChannel(workerId, log);
        registry.Expect(channel);
        await StartGate.WaitAsync(ct);
        WorkerProcess process;
        try
        {
            process = WorkerProcess.Start(config, appDirectory, server.Uri, workerId, settings, log.WriteLine);
        }
        catch
        {
            StartGate.Release();
            throw;
        }
        var gateHeld = true;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(startupTimeout);
            var instance = await HandshakeAsync(process, channel, deadline.Token, ct);
            if (instance.HttpUri is { } httpUri)
                await WaitUntilListeningAsync(httpUri, deadline.Token);
            StartGate.Release();
            gateHeld = false;
            log.WriteLine($"Worker pid {process.Id} ready in {clock.ElapsedMilliseconds} ms: {instance.FunctionIds.Count} function(s) loaded" +
                     (instance.HttpUri is null ? "." : $", HTTP at {instance.HttpUri}."));
            return instance;
        }
        catch (Exception ex)
        {
            if (gateHeld)
                StartGate.Release();
            registry.Forget(channel);
            channel.Close(new WorkerUnavailableException("The worker failed to start."));
            var exitedOnItsOwn = process.Exited.IsCompleted;
            await process.DisposeAsync();
            if (ex is OperationCanceledException && ct.IsCancellationRequested)
                throw;
            var why = ex is OperationCanceledException or TimeoutException
                ? $"did not complete its start-up within {startupTimeout.TotalSeconds:0} s"
                : exitedOnItsOwn && process.ExitCode is { } code ? $"exited with code {code} during start-up ({ex.Message})" : ex.Message;
            throw new InvalidOperationException($"The worker {why}. Its output:\n{process.RecentOutput()}", ex);
        }
    }

    /// <summary>Waits until the worker's HTTP port accepts a connection, so the next worker cannot pick the same one.</summary>
    private static async Task WaitUntilListeningAsync(Uri httpUri, CancellationToken deadline)
    {
        while (true)
        {
            using var probe = new System.Net.Sockets.TcpClient();
            try
            {
                await probe.ConnectAsync(httpUri.Host, httpUri.Port, deadline);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50, deadline);
            }
        }
    }

    private async Task<WorkerInstance> HandshakeAsync(WorkerProcess process, WorkerChannel channel, CancellationToken deadline, CancellationToken ct)
    {
        var connected = await Task.WhenAny(channel.Connected, process.Exited).WaitAsync(deadline);
        if (connected != channel.Connected)
            throw new InvalidOperationException("the process ended before it connected to the host");
        var timeout = Timeout.InfiniteTimeSpan; // the deadline token bounds every exchange

        var init = (await channel.RequestAsync(new StreamingMessage { WorkerInitRequest = InitRequest() }, MessageKind.WorkerInitResponse, timeout, deadline)).WorkerInitResponse;
        if (init.Result?.Status != StatusResult.Types.Status.Success)
            throw new InvalidOperationException($"the worker reported a failed initialisation: {Describe(init.Result)}");
        var capabilities = init.Capabilities.ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);

        var metadata = (await channel.RequestAsync(
            new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } },
            MessageKind.FunctionMetadataResponse, timeout, deadline)).FunctionMetadataResponse;
        IReadOnlyList<RpcFunctionMetadata> functions;
        if (metadata.UseDefaultMetadataIndexing)
            functions = FunctionsMetadataFile.Load(appDirectory);
        else if (metadata.Result?.Status != StatusResult.Types.Status.Success)
            throw new InvalidOperationException($"the worker failed to index its functions: {Describe(metadata.Result)}");
        else
            functions = metadata.FunctionMetadataResults.ToList();

        var ids = await LoadAsync(channel, functions, deadline);
        return new WorkerInstance(process, channel, capabilities, functions, ids);
    }

    private WorkerInitRequest InitRequest() => new()
    {
        HostVersion = HostVersion,
        WorkerDirectory = config.WorkerDirectory,
        FunctionAppDirectory = appDirectory,
    };

    /// <summary>The worker answers load requests one by one; a function that fails to load is logged and left out, as the real host does.</summary>
    private async Task<IReadOnlyDictionary<string, string>> LoadAsync(WorkerChannel channel, IReadOnlyList<RpcFunctionMetadata> functions, CancellationToken deadline)
    {
        var loads = new List<(string Name, string Id, Task<StreamingMessage> Reply)>();
        foreach (var metadata in functions)
        {
            var id = string.IsNullOrEmpty(metadata.FunctionId) ? Guid.NewGuid().ToString() : metadata.FunctionId;
            var request = FunctionDefinition.FromRpc(metadata).ToLoadRequest(id);
            loads.Add((metadata.Name, id, channel.RequestAsync(
                new StreamingMessage { FunctionLoadRequest = request }, MessageKind.FunctionLoadResponse, Timeout.InfiniteTimeSpan, deadline)));
        }
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var loaded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, _, reply) in loads)
        {
            var response = (await reply).FunctionLoadResponse;
            if (response.Result?.Status == StatusResult.Types.Status.Success)
                loaded.Add(response.FunctionId);
            else
                log.WriteLine($"Worker failed to load function id {response.FunctionId}: {Describe(response.Result)}");
        }
        foreach (var (name, id, _) in loads)
            if (loaded.Contains(id))
                ids[name] = id;
        return ids;
    }

    internal static string Describe(StatusResult? result) =>
        result is null ? "no result"
        : result.Exception is { } ex && !string.IsNullOrEmpty(ex.Message) ? $"{ex.Type} {ex.Message}".Trim()
        : string.IsNullOrEmpty(result.Result) ? result.Status.ToString() : result.Result;
}
