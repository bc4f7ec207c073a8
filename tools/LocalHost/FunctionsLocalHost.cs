using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LocalHost.Bindings;
using LocalHost.Configuration;
using LocalHost.Handler;
using LocalHost.Http;
using LocalHost.Triggers;

namespace LocalHost;

/// <summary>
/// A development Azure Functions host (v4 semantics) for a custom handler: starts the handler, fires timers, polls
/// queues with poison handling, serves /api with auth and forwarding. See README.md for what differs from Azure.
/// </summary>
public sealed class FunctionsLocalHost : IAsyncDisposable
{
    private readonly LocalHostOptions _options;
    private readonly string _scriptRoot;
    private readonly HostConfig _host;
    private readonly AppSettings _settings;
    private readonly IReadOnlyList<FunctionDefinition> _functions;
    private readonly HandlerInvoker _invoker;
    private readonly OutputBindings _outputs;
    private readonly Dictionary<string, TimerTrigger> _timers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<QueueTrigger> _queues = new();
    private readonly List<Task> _loops = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _handlerLock = new(1, 1);
    private readonly Action<string> _log;
    private HandlerProcess? _handler;
    private HttpFrontEnd? _http;
    private int _inFlight;
    private int _disposed;

    private FunctionsLocalHost(LocalHostOptions options, string scriptRoot, HostConfig host, AppSettings settings, IReadOnlyList<FunctionDefinition> functions)
    {
        _options = options;
        _scriptRoot = scriptRoot;
        _host = host;
        _settings = settings;
        _functions = functions;
        _log = options.Log ?? Console.WriteLine;
        _invoker = new HandlerInvoker(host.FunctionTimeout, _log);
        _outputs = new OutputBindings(new QueueConnections(settings, host.Queues.Base64), settings);
        MasterKey = options.MasterKey ?? settings.MasterKey ?? NewKey();
        FunctionKey = options.FunctionKey ?? settings.FunctionKey ?? NewKey();
    }

    /// <summary>e.g. http://127.0.0.1:7071 (no trailing slash).</summary>
    public string BaseUrl => _http?.BaseUrl ?? throw new InvalidOperationException("The host is not started.");

    /// <summary>The enabled functions, by folder name.</summary>
    public IReadOnlyList<string> Functions => _functions.Select(f => f.Name).ToList();

    /// <summary>The master key (admin and function levels); from options, the settings file's Keys, or random.</summary>
    public string MasterKey { get; }

    /// <summary>The default function key (function level); from options, the settings file's Keys, or random.</summary>
    public string FunctionKey { get; }

    /// <summary>The running handler's process id (changes on <see cref="RestartHandlerAsync"/>).</summary>
    public int HandlerProcessId => _handler?.ProcessId ?? 0;

    /// <summary>Raised after every invocation, on the thread that ran it; keep handlers quick.</summary>
    public event Action<InvocationResult>? InvocationCompleted;

    /// <summary>Reads the script root and settings, starts the handler, the HTTP front end, the timers and the queue listeners.</summary>
    public static async Task<FunctionsLocalHost> StartAsync(LocalHostOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scriptRoot = Path.GetFullPath(options.ScriptRoot);
        var settings = AppSettings.Load(options.SettingsFile, options.Settings);
        var host = HostConfig.Load(scriptRoot, settings.Values);
        var functions = FunctionDefinition.LoadAll(scriptRoot)
            .Where(f => !f.Disabled && !string.Equals(settings.Get($"AzureWebJobs.{f.Name}.Disabled"), "true", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var localHost = new FunctionsLocalHost(options, scriptRoot, host, settings, functions);
        try
        {
            await localHost.StartCoreAsync(ct);
        }
        catch
        {
            await localHost.DisposeAsync();
            throw;
        }
        return localHost;
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        _log($"Script root {_scriptRoot}: {_functions.Count} function(s)");
        var connections = new QueueConnections(_settings, _host.Queues.Base64);
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
                var queue = new QueueTrigger(function, _settings, _host.Queues, connections, _host.FunctionTimeout, ExecuteAsync, _log);
                await queue.EnsureQueueAsync(ct);
                _queues.Add(queue);
                _log($"  {function.Name}: queue '{queue.QueueName}'");
            }
            else if (!trigger.Is("httpTrigger"))
                _log($"  warning: {function.Name} has a {trigger.Type}, which the local host does not run.");
        }

        _handler = await HandlerProcess.StartAsync(_scriptRoot, _host, _settings, _options.HandlerStartupTimeout, _log, ct);
        _http = await HttpFrontEnd.StartAsync(
            _options.HttpPort, _host, _functions, new HttpAuth(MasterKey, FunctionKey), _invoker.Client,
            () => CurrentHandler.BaseUri, InvokeForOutcomeAsync, TrackAsync, _log, ct);
        _log($"Listening on {_http.BaseUrl}");

        if (_options.EnableTimerSchedules)
            foreach (var timer in _timers.Values)
                _loops.Add(Task.Run(() => IgnoreCancellation(timer.RunScheduleAsync(_stopping.Token)), CancellationToken.None));
        if (_options.EnableQueueListeners)
            foreach (var queue in _queues)
                _loops.Add(Task.Run(() => queue.RunAsync(_stopping.Token), CancellationToken.None));
    }

    private HandlerProcess CurrentHandler => _handler ?? throw new InvalidOperationException("The handler is not running.");

    /// <summary>Fires a timer function now, as its schedule would (waits if a run of it is in progress).</summary>
    public async Task<InvocationResult> TriggerTimerAsync(string functionName, CancellationToken ct = default)
    {
        if (!_timers.TryGetValue(functionName, out var timer))
            throw new ArgumentException($"'{functionName}' is not a timer function of this script root.", nameof(functionName));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping.Token);
        return await timer.FireAsync(DateTime.UtcNow, linked.Token);
    }

    /// <summary>Kills the handler's process tree and starts it again (on a new port), as after a crash.</summary>
    public async Task RestartHandlerAsync(CancellationToken ct = default)
    {
        await _handlerLock.WaitAsync(ct);
        try
        {
            if (_handler is not null)
                await _handler.DisposeAsync();
            _handler = null;
            _handler = await HandlerProcess.StartAsync(_scriptRoot, _host, _settings, _options.HandlerStartupTimeout, _log, ct);
        }
        finally
        {
            _handlerLock.Release();
        }
    }

    /// <summary>
    /// Waits until every trigger queue is empty (counting invisible messages, so a pending retry is not idle) and no
    /// invocation is in flight, seen twice in a row.
    /// </summary>
    public async Task WaitForIdleAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var idleStreak = 0;
        string busy = "";
        while (true)
        {
            busy = await DescribeBusyAsync(ct);
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

    private async Task<InvocationResult> ExecuteAsync(FunctionDefinition function, string trigger, JsonObject data, JsonObject metadata, CancellationToken ct) =>
        (await InvokeCoreAsync(function, trigger, data, metadata, ct)).Result;

    private Task<(InvocationResult, InvocationOutcome?)> InvokeForOutcomeAsync(FunctionDefinition function, JsonObject data, JsonObject metadata, CancellationToken ct) =>
        InvokeCoreAsync(function, function.Trigger.Type, data, metadata, ct);

    private async Task<(InvocationResult Result, InvocationOutcome? Outcome)> InvokeCoreAsync(
        FunctionDefinition function, string trigger, JsonObject data, JsonObject metadata, CancellationToken ct)
    {
        InvocationOutcome? outcome = null;
        var result = await RunTrackedAsync(function, trigger, async (invocationId, token) =>
        {
            outcome = await _invoker.InvokeAsync(CurrentHandler.BaseUri, function.Name, invocationId, data, metadata, token);
            if (!outcome.Succeeded)
                return outcome.Error;
            try
            {
                await _outputs.DeliverAsync(function, outcome, token); // outputs are delivered only for a successful run
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return $"Delivering output bindings failed: {ex.Message}";
            }
        }, ct);
        return (result, outcome);
    }

    private Task<InvocationResult> TrackAsync(FunctionDefinition function, Func<Guid, CancellationToken, Task<string?>> work, CancellationToken ct) =>
        RunTrackedAsync(function, function.Trigger.Type, work, ct);

    private async Task<InvocationResult> RunTrackedAsync(
        FunctionDefinition function, string trigger, Func<Guid, CancellationToken, Task<string?>> work, CancellationToken ct)
    {
        var invocationId = Guid.NewGuid();
        var clock = Stopwatch.StartNew();
        Interlocked.Increment(ref _inFlight);
        string? error;
        try
        {
            _log($"Executing 'Functions.{function.Name}' (Reason='{trigger}', Id={invocationId})");
            error = await work(invocationId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            error = "Cancelled (host shutting down or request aborted).";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex.Message; // e.g. the handler is being restarted
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
        var result = new InvocationResult(function.Name, trigger, error is null, clock.Elapsed, error) { InvocationId = invocationId };
        _log(error is null
            ? $"Executed 'Functions.{function.Name}' (Succeeded, Id={invocationId}, Duration={clock.ElapsedMilliseconds}ms)"
            : $"Executed 'Functions.{function.Name}' (Failed, Id={invocationId}, Duration={clock.ElapsedMilliseconds}ms): {error}");
        try
        {
            InvocationCompleted?.Invoke(result);
        }
        catch (Exception ex)
        {
            _log($"An InvocationCompleted subscriber threw: {ex.Message}");
        }
        ct.ThrowIfCancellationRequested();
        return result;
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

    /// <summary>Stops listeners and timers (releasing messages in flight), the HTTP front end, and the handler's process tree.</summary>
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
        if (_handler is not null)
            await _handler.DisposeAsync();
        _invoker.Dispose();
        _stopping.Dispose();
        _log("Local host stopped.");
    }
}
