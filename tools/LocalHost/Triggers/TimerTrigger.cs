using System.Text.Json.Nodes;
using LocalHost.Configuration;
using LocalHost.Invocation;
using LocalHost.Rpc;
using NCrontab;

namespace LocalHost.Triggers;

/// <summary>
/// One timerTrigger function: NCRONTAB schedule (%Setting% resolved) in UTC, runOnStartup, never two runs at once (the real host's
/// singleton lock), a failed run is not retried.
/// </summary>
internal sealed class TimerTrigger
{
    private readonly FunctionDefinition _function;
    private readonly CrontabSchedule _schedule;
    private readonly bool _runOnStartup;
    private readonly bool _monitored;
    private readonly ExecuteInvocation _execute;
    private readonly SemaphoreSlim _singleton = new(1, 1);
    private DateTime? _lastScheduled;

    public TimerTrigger(FunctionDefinition function, AppSettings settings, ExecuteInvocation execute)
    {
        _function = function;
        _execute = execute;
        var trigger = function.Trigger;
        var expression = settings.Resolve(
            trigger.Get("schedule") ?? throw new InvalidOperationException($"{function.Name}: timerTrigger has no schedule."),
            $"{function.Name} schedule");
        Expression = expression;
        _schedule = Parse(expression, function.Name);
        _runOnStartup = JsonFile.GetBool(trigger.Raw, "runOnStartup") == true;
        // The real host keeps ScheduleStatus only for monitored schedules, i.e. useMonitor (default true) and an
        // interval of at least a minute.
        var first = _schedule.GetNextOccurrence(DateTime.UtcNow);
        var interval = _schedule.GetNextOccurrence(first) - first;
        _monitored = (JsonFile.GetBool(trigger.Raw, "useMonitor") ?? true) && interval >= TimeSpan.FromMinutes(1);
    }

    public string Expression { get; }

    /// <summary>Accepts the 6-field form (with seconds) the Functions host uses, and the 5-field form.</summary>
    public static CrontabSchedule Parse(string expression, string functionName)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var schedule = fields switch
        {
            6 => CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }),
            5 => CrontabSchedule.TryParse(expression),
            _ => null,
        };
        return schedule ?? throw new InvalidOperationException(
            $"{functionName}: '{expression}' is not a valid NCRONTAB schedule ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}).");
    }

    public async Task RunScheduleAsync(CancellationToken ct)
    {
        if (_runOnStartup)
            await FireAsync(DateTime.UtcNow, ct);
        while (!ct.IsCancellationRequested)
        {
            var next = _schedule.GetNextOccurrence(DateTime.UtcNow);
            var wait = next - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, ct);
            await FireAsync(next, ct);
        }
    }

    /// <summary>Runs the function now (waiting for a run already in progress), as the schedule would.</summary>
    public async Task<InvocationResult> FireAsync(DateTime scheduledUtc, CancellationToken ct)
    {
        await _singleton.WaitAsync(ct);
        try
        {
            // The real host serialises its TimerInfo with Json.NET and sends it as json; timers have no trigger metadata.
            var input = new InvocationInput(TypedValues.JsonOf(TimerInfo(scheduledUtc)), new Dictionary<string, TypedData>());
            _lastScheduled = scheduledUtc;
            return (await _execute(_function, input, null, ct)).Result;
        }
        finally
        {
            _singleton.Release();
        }
    }

    /// <summary>
    /// TimerInfo as the real host serialises it. We keep no schedule status between runs, so IsPastDue is always false
    /// and Last is the previous run of this process (0001-01-01 before the first, like a fresh status blob).
    /// </summary>
    private JsonObject TimerInfo(DateTime scheduledUtc) => new()
    {
        ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
        ["ScheduleStatus"] = _monitored
            ? new JsonObject
            {
                ["Last"] = TypedValues.DateText(_lastScheduled ?? DateTime.MinValue),
                ["Next"] = TypedValues.DateText(_schedule.GetNextOccurrence(scheduledUtc)),
                ["LastUpdated"] = TypedValues.DateText(DateTime.UtcNow),
            }
            : null,
        ["IsPastDue"] = false,
    };
}
