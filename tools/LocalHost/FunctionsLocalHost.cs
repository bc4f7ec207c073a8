using System.Diagnostics;
using System.Security.Cryptography;
using LocalHost.Bindings;
using LocalHost.Configuration;
using LocalHost.Http;
using LocalHost.Invocation;
using LocalHost.Triggers;
using LocalHost.Worker;

namespace LocalHost;

/// <summary>
/// A development Azure Functions host (v4 semantics) for an isolated worker: starts the worker over the gRPC
/// protocol, fires timers, polls queues with poison handling, serves /api by forwarding to the worker's ASP.NET Core
/// endpoint, and restarts the worker after a function timeout or a crash. See README.md for what differs from Azure.
/// </summary>
public sealed class FunctionsLocalHost : IAsyncDisposable
{
    private readonly LocalHostOptions _options;
    private readonly HostConfig _host;
    private readonly AppSettings _settings;
    private readonly Action<string> _log;
    private readonly QueueConnections _connections;
    private readonly Dictionary<string, TimerTrigger> _timers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<QueueTrigger> _queues = new();
    private readonly List<Task> _loops = new();
    private readonly CancellationTokenSource _stopping = new();
    private IReadOnlyList<FunctionDefinition> _functions = [];
    private GrpcServer? _grpc;
    private WorkerSupervisor? _workers;
    private FunctionInvoker? _invoker;
    private OutputBindings? _outputs;
    private HttpFrontEnd? _http;
    private int _inFlight;
    private int _disposed;

    private FunctionsLocalHost(LocalHostOptions options, HostConfig host, AppSettings settings)
    {
        _options = options;
        _host = host;
        _settings = settings;
        _log = options.Log ?? Console.WriteLine;
        _connections = new QueueConnections(settings, host.Queues.Base64);
        MasterKey = options.MasterKey ?? settings.MasterKey ?? NewKey();
        FunctionKey = options.FunctionKey ?? settings.FunctionKey ?? NewKey();
    }

    /// <summary>e.g. http://127.0.0.1:7071 (no trailing slash).</summary>
    public string BaseUrl => _http?.BaseUrl ?? throw new InvalidOperationException("The host is not started.");

    /// <summary>The enabled functions, as the worker named them.</summary>
    public IReadOnlyList<string> Functions => _functions.Select(f => f.Name).ToList();

    /// <summary>The master key (admin and function levels); from options, the settings file's Keys, or random.</summary>
    public string MasterKey { get; }

    /// <summary>The default function key (function level); from options, the settings file's Keys, or random.</summary>
    public string FunctionKey { get; }

    /// <summary>The running worker's process id; 0 while a restart is under way. Changes on every restart.</summary>
    public int WorkerProcessId => _workers?.Current?.Process.Id ?? 0;

    /// <summary>Raised after every invocation, on the thread that ran it; keep handlers quick.</summary>
    public event Action<InvocationResult>? InvocationCompleted;

    /// <summary>Reads the app directory and settings, starts the worker, the HTTP front end, the timers and the queue listeners.</summary>
    public static async Task<FunctionsLocalHost> StartAsync(LocalHostOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var appDirectory = Path.GetFullPath(options.AppDirectory);
        // Core Tools reads local.settings.json from the app's folder when no other file is named.
        var settingsFile = options.SettingsFile
            ?? (File.Exists(Path.Combine(appDirectory, "local.settings.json")) ? Path.Combine(appDirectory, "local.settings.json") : null);
        var settings = AppSettings.Load(settingsFile, options.Settings);
        var host = HostConfig.Load(appDirectory, settings.Values);
        var worker = WorkerConfig.Load(appDirectory);
        var localHost = new FunctionsLocalHost(options, host, settings);
        try
        {
            await localHost.StartCoreAsync(appDirectory, worker, ct);
        }
        catch
        {
            await localHost.DisposeAsync();
            throw;
        }
        return localHost;
    }

    private async Task StartCoreAsync(string appDirectory, WorkerConfig workerConfig, CancellationToken ct)
    {
        _log($"App directory {appDirectory} ({workerConfig.Language}, worker indexing {(workerConfig.WorkerIndexing ? "on" : "off")})");
        var registry = new WorkerRegistry();
        var workerLog = new WorkerLog(_log);
        _grpc = await GrpcServer.StartAsync(registry, workerLog, ct);
        var launcher = new WorkerLauncher(workerConfig, appDirectory, _settings, _grpc, registry, workerLog, _options.WorkerStartupTimeout);
        _workers = new WorkerSupervisor(launcher, _log, _options.WorkerStartupTimeout);
        _invoker = new FunctionInvoker(_workers, _host.FunctionTimeout, _log);
        _outputs = new OutputBindings(_connections, _settings);
        await _workers.StartAsync(ct);

        var described = _workers.Current!.Functions.Select(FunctionDefinition.FromRpc).ToList();
        _functions = described.Where(f => !IsDisabled(f)).ToList();
        foreach (var disabled in described.Except(_functions))
            _log($"  {disabled.Name}: disabled (AzureWebJobs.{disabled.Name}.Disabled)");
        await CreateTriggersAsync(ct);

        _http = await HttpFrontEnd.StartAsync(
            _options.HttpPort, _host.RoutePrefix, HttpRoute.For(_functions), new HttpAuth(MasterKey, FunctionKey), ExecuteAsync, _log, ct);
        _log($"Listening on {_http.BaseUrl}");

        if (_options.EnableTimerSchedules)
            foreach (var timer in _timers.Values)
                _loops.Add(Task.Run(() => IgnoreCancellation(timer.RunScheduleAsync(_stopping.Token)), CancellationToken.None));
        if (_options.EnableQueueListeners)
            foreach (var queue in _queues)
                _loops.Add(Task.Run(() => queue.RunAsync(_stopping.Token), CancellationToken.None));
    }

    private bool IsDisabled(FunctionDefinition function) =>
        _settings.Get($"AzureWebJobs.{function.Name}.Disabled") is { } value
        && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private async Task CreateTriggersAsync(CancellationToken ct)
    {
        foreach (var function in _functions)
        {
            var trigger = function.Trigger;
            foreach (var unsupported in function.Bindings.Where(b => !b.IsTrigger && !(b.IsOutput && (b.Is("queue") || b.Is("http")))))
                _log($"  warning: {function.Name} binding '{unsupported.Name}' ({unsupported.Type}, {unsupported.Direction}) is not supported locally and is ignored.");
            if (trigger.Is("timerTrigger"))
            {
                var timer = new TimerTrigger(function, _settings, ExecuteAsync);
                _timers[function.Name] = timer;
                _log($"  {function.Name}: timer '{timer.Expression}'");
            }
            else if (trigger.Is("queueTrigger"))
            {
                var queue = new QueueTrigger(function, _settings, _host.Queues, _connections, _host.FunctionTimeout, ExecuteAsync, _log);
                await queue.EnsureQueueAsync(ct);
                _queues.Add(queue);
                _log($"  {function.Name}: queue '{queue.QueueName}'");
            }
            else if (!trigger.Is("httpTrigger"))
                _log($"  warning: {function.Name} has a {trigger.Type}, which the local host does not run.");
        }
    }

    /// <summary>Fires a timer function now, as its schedule would (waits if a run of it is in progress).</summary>
    public async Task<InvocationResult> TriggerTimerAsync(string functionName, CancellationToken ct = default)
    {
        if (!_timers.TryGetValue(functionName, out var timer))
            throw new ArgumentException($"'{functionName}' is not an enabled timer function of this app.", nameof(functionName));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping.Token);
        return await timer.FireAsync(DateTime.UtcNow, linked.Token);
    }

    /// <summary>
    /// Kills the worker's process tree and starts a new worker, as after a crash: invocations in flight on it fail
    /// (queue messages are released for a retry). Returns once the new worker has loaded its functions.
    /// </summary>
    public async Task RestartWorkerAsync(CancellationToken ct = default)
    {
        var workers = _workers ?? throw new InvalidOperationException("The host is not started.");
        await workers.RestartAsync("The worker was restarted (RestartWorkerAsync).", lost: false, ct: ct);
        await workers.GetReadyAsync(ct);
    }

    /// <summary>
    /// Waits until every trigger queue is empty (counting invisible messages, so a pending retry or a lost message
    /// waiting for its lease is not idle) and no invocation is in flight, seen twice in a row.
    /// </summary>
    public async Task WaitForIdleAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var idleStreak = 0;
        while (true)
        {
            var busy = await DescribeBusyAsync(ct);
            idleStreak = busy.Length == 0 ? idleStreak + 1 : 0;
            if (idleStreak >= 2)
                return;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"The local host was not idle after {timeout}: {busy}");
            await Task.Delay(100, ct);
        }
    }

    private async Task<string> DescribeBusyAsync(CancellationToken ct)
    {
        var busy = new List<string>();
        if (Volatile.Read(ref _inFlight) is var n and > 0)
            busy.Add($"{n} invocation(s) in flight");
        foreach (var queue in _queues)
        {
            if (queue.InFlight > 0)
                busy.Add($"{queue.InFlight} message(s) of '{queue.QueueName}' being processed");
            var count = (await queue.Queue.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
            if (count > 0)
                busy.Add($"{count} message(s) in '{queue.QueueName}'");
        }
        return string.Join("; ", busy);
    }

    /// <summary>Runs one invocation: in-flight count, the worker call, queue outputs on success, the log lines and InvocationCompleted.</summary>
    private async Task<TrackedInvocation> ExecuteAsync(FunctionDefinition function, InvocationInput input, AlongsideInvocation? alongside, CancellationToken ct)
    {
        var invocationId = Guid.NewGuid();
        var clock = Stopwatch.StartNew();
        Interlocked.Increment(ref _inFlight);
        InvocationOutcome outcome;
        try
        {
            _log($"Executing 'Functions.{function.Name}' (Reason='{function.Trigger.Type}', Id={invocationId})");
            outcome = await _invoker!.InvokeAsync(function, invocationId, input, alongside, ct);
            if (outcome is { Status: InvocationStatus.Succeeded, Response: { } response })
                outcome = await DeliverOutputsAsync(function, response, outcome, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            outcome = InvocationOutcome.Failed("Cancelled (host shutting down or request aborted).");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
        var result = new InvocationResult(function.Name, function.Trigger.Type, outcome.Status == InvocationStatus.Succeeded, clock.Elapsed, outcome.Error)
        {
            InvocationId = invocationId,
        };
        _log(result.Succeeded
            ? $"Executed 'Functions.{function.Name}' (Succeeded, Id={invocationId}, Duration={clock.ElapsedMilliseconds}ms)"
            : $"Executed 'Functions.{function.Name}' ({(outcome.Status == InvocationStatus.Lost ? "Lost" : "Failed")}, Id={invocationId}, Duration={clock.ElapsedMilliseconds}ms): {outcome.Error}");
        try
        {
            InvocationCompleted?.Invoke(result);
        }
        catch (Exception ex)
        {
            _log($"An InvocationCompleted subscriber threw: {ex.Message}");
        }
        ct.ThrowIfCancellationRequested();
        return new TrackedInvocation(result, outcome.Status);
    }

    /// <summary>Outputs are delivered only for a successful run; a delivery failure fails the invocation.</summary>
    private async Task<InvocationOutcome> DeliverOutputsAsync(FunctionDefinition function, Rpc.InvocationResponse response, InvocationOutcome outcome, CancellationToken ct)
    {
        try
        {
            await _outputs!.DeliverAsync(function, response, ct);
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new InvocationOutcome(InvocationStatus.Failed, response, $"Delivering output bindings failed: {ex.Message}");
        }
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException) { }
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');

    /// <summary>Stops listeners and timers (releasing messages in flight), the HTTP front end, and the worker's process tree.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException) { }
        if (_http is not null)
            await _http.DisposeAsync();
        if (_workers is not null)
            await _workers.DisposeAsync();
        if (_grpc is not null)
            await _grpc.DisposeAsync();
        _stopping.Dispose();
        _log("Local host stopped.");
    }
}
