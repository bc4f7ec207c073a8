using System.Diagnostics;
using Demo;
using Fuzz;

// The fuzz run of issue 8: every HTTP function and every queue of the function app, on the local stack, with generated
// malformed, truncated, oversized, wrong-type, wrong-encoding and unicode-heavy inputs; then every callback and webhook
// genuine, forged, replayed, expired and wrongly keyed. Ends with the figures that must be 0, and exit code 1 if one is not.
var options = FuzzOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: dotnet run --project tools/Fuzz -c Release -- [--cases 500] [--seed N] [--parallel 8] [--log path] [--verbose]");
    return 2;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;
var clock = Stopwatch.StartNew();

Console.WriteLine($"fuzz: seed {options.Seed}, {options.Cases} cases per target, log {options.LogPath}");
using var log = new RunLog(options.LogPath, options.Verbose);
var tally = new Tally();
var (httpTargets, queueTargets) = FuzzTargets.Load(DevStack.FunctionAppDirectory);
Console.WriteLine($"Targets from functions.metadata: {httpTargets.Count} HTTP functions, {queueTargets.Count} queue functions.");

await using var stack = await DevStack.StartAsync(new DevStackOptions
{
    SeedDemo = true,
    // Timers only when the fuzz fires them: nothing but the fuzz's own inputs runs.
    EnableTimerSchedules = false,
    Log = log.Add,
    Settings = new Dictionary<string, string?>
    {
        // A failing message comes back after 2 s instead of 15, so five failures reach the poison queue within the run.
        ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:02",
        ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:01",
        // A listing run that finds another one under way puts itself off (60 s, up to 10 times in production); 2 s
        // here, so the queues drain within the run instead of waiting out minutes of legitimate deferrals.
        ["Listings__RetryDelaySeconds"] = "2",
    },
}, ct);
stack.Host.InvocationCompleted += tally.OnInvocation;
Console.WriteLine($"Stack up in {clock.Elapsed.TotalSeconds:0} s; setting up connections and accounts…");
var world = await FuzzWorld.SetUpAsync(stack, ct);
// Read now and again at the end: the fuzz may replace or remove credentials on the way.
var secretsAtStart = await world.SecretsAsync(ct);

Console.WriteLine("Callbacks and webhooks: genuine, forged, replayed, expired, wrongly keyed…");
var forgeries = await new Forgeries(world).RunAsync(ct);

Console.WriteLine($"HTTP functions ({options.Cases} cases each):");
var httpClock = Stopwatch.StartNew();
await new HttpFuzz(stack, tally, options.Parallelism).RunAsync(httpTargets, world.Known, options.Cases, options.Seed, 1, Console.WriteLine, ct);
var httpSeconds = httpClock.Elapsed.TotalSeconds;

Console.WriteLine($"Queues ({options.Cases} messages each):");
var queueClock = Stopwatch.StartNew();
var queues = new QueueFuzz(stack, options.Parallelism);
await queues.RunAsync(queueTargets, world.Known, options.Cases, options.Seed, 1000, Console.WriteLine, ct);
Console.WriteLine("Waiting for the host to drain every queue (failed messages retry up to five times)…");
var drained = true;
try
{
    await stack.Host.WaitForIdleAsync(TimeSpan.FromMinutes(options.DrainMinutes), ct);
}
catch (TimeoutException ex)
{
    drained = false;
    Console.WriteLine($"Not idle after {options.DrainMinutes} min: {ex.Message}");
}
await queues.CountOutcomesAsync(queueTargets, log, ct);
var queueSeconds = queueClock.Elapsed.TotalSeconds;

var secrets = new Dictionary<string, string>(secretsAtStart);
foreach (var (name, value) in await world.SecretsAsync(ct))
    if (!secrets.ContainsValue(value))
        secrets[secrets.ContainsKey(name) ? name + " (at the end)" : name] = value;
var report = new FuzzReport(options, httpTargets, queueTargets, tally, queues, forgeries, log, secrets, drained, httpSeconds, queueSeconds, clock.Elapsed);
return report.Print();

/// <summary>The command line.</summary>
internal sealed record FuzzOptions(int Cases, ulong Seed, int Parallelism, string LogPath, bool Verbose, int DrainMinutes)
{
    public static FuzzOptions? Parse(string[] args)
    {
        int cases = 500, parallelism = 8, drain = 10;
        ulong seed = (ulong)Random.Shared.NextInt64(1, 1_000_000);
        string? logPath = null;
        var verbose = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--cases": cases = int.Parse(Next()); break;
                    case "--seed": seed = ulong.Parse(Next()); break;
                    case "--parallel": parallelism = int.Parse(Next()); break;
                    case "--log": logPath = Next(); break;
                    case "--drain-minutes": drain = int.Parse(Next()); break;
                    case "--verbose": verbose = true; break;
                    default: return null;
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
            {
                return null;
            }
        }
        return new FuzzOptions(cases, seed, parallelism, logPath ?? Path.Combine(Path.GetTempPath(), $"fuzz-{seed}.log"), verbose, drain);
    }
}
