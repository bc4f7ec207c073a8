using System.Diagnostics;
using Benchmark;
using Demo;

// The benchmark of issue 8: the storage floor, the pipeline's throughput, storage transactions and partner calls per
// order, latency from an order appearing to its carrier order, worker start-up and peak memory, on this machine,
// with the simulators enforcing the partners' real quotas and the production schedules. See README.md.
var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

var machine = MachineInfo.Describe();
Console.WriteLine($"Benchmark on {machine}");
var output = new List<string>
{
    $"## {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC — `{string.Join(' ', args)}`",
    "",
    $"Machine: {machine}. Load average (1/5/15 min) at the start: {MachineInfo.LoadAverage()}.",
    "",
};
var verdicts = new List<Report.Verdict>();
var total = Stopwatch.StartNew();
foreach (var orders in options.Orders)
{
    Console.WriteLine();
    Console.WriteLine($"=== {orders:N0} orders, {options.Stores} store(s), time limit {options.Timeout.TotalMinutes:F0} min ===");
    var run = await PipelineRun.RunAsync(
        new PipelineRunOptions(orders, options.Stores, options.Timeout, options.FloorOrders, options.FloorParallelism, options.Verbose,
            options.Webhooks, options.ArrivalSeconds),
        Console.WriteLine, cancel.Token);
    var (lines, verdict) = Report.Build(run);
    Console.WriteLine();
    foreach (var line in lines)
        Console.WriteLine(line);
    output.AddRange(lines);
    output.Add($"Load average (1/5/15 min) at the end of this run: {MachineInfo.LoadAverage()}.");
    output.Add("");
    Console.WriteLine($"Load average (1/5/15 min): {MachineInfo.LoadAverage()}.");
    verdicts.Add(verdict);
}
output.Add($"Whole command: {total.Elapsed.TotalSeconds:F0} s.");
output.Add("");

if (options.OutputFile is { } file)
{
    var path = Path.IsPathRooted(file) ? file : Path.Combine(AzuriteInstance.RepoRoot, file);
    if (!File.Exists(path))
        await File.WriteAllTextAsync(path, BenchmarkOptions.FileHeader);
    await File.AppendAllLinesAsync(path, output);
    Console.WriteLine($"Appended to {path}.");
}
Console.WriteLine($"Whole command: {total.Elapsed.TotalSeconds:F0} s.");
var broken = verdicts.Count(v => !v.Drained);
Console.WriteLine(broken == 0
    ? $"Benchmark finished: {verdicts.Count} run(s), every order drained. {string.Join(" ", verdicts.Select(v => v.Line))}"
    : $"Benchmark FAILED: {broken} of {verdicts.Count} run(s) did not drain. {string.Join(" ", verdicts.Select(v => v.Line))}");
return broken == 0 ? 0 : 1;

/// <summary>The command line.</summary>
internal sealed record BenchmarkOptions(IReadOnlyList<int> Orders, int Stores, TimeSpan Timeout, int FloorOrders, int FloorParallelism, string? OutputFile, bool Verbose,
    bool Webhooks = false, int ArrivalSeconds = 0)
{
    public const string Usage =
        "dotnet run --project tools/Benchmark -c Release -- [--orders 1000,10000] [--stores 10] [--timeout-minutes 30] " +
        "[--floor-orders 1000] [--floor-parallelism 8] [--arrival-seconds 0] [--webhooks] [--output docs/benchmarks.md | --no-output] [--verbose]";

    public const string FileHeader =
        "# Benchmarks\n\nEach run of `tools/Benchmark` (see `tools/Benchmark/README.md` for what each figure means and how it is measured), " +
        "newest last, with the machine it ran on.\n\n";

    public static BenchmarkOptions? Parse(string[] args)
    {
        var options = new BenchmarkOptions([1000], 10, TimeSpan.FromMinutes(30), 1000, 8, "docs/benchmarks.md", false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            try
            {
                options = args[i] switch
                {
                    "--orders" => options with { Orders = Next().Split(',').Select(int.Parse).ToList() },
                    "--stores" => options with { Stores = int.Parse(Next()) },
                    "--timeout-minutes" => options with { Timeout = TimeSpan.FromMinutes(double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture)) },
                    "--floor-orders" => options with { FloorOrders = int.Parse(Next()) },
                    "--floor-parallelism" => options with { FloorParallelism = int.Parse(Next()) },
                    "--output" => options with { OutputFile = Next() },
                    "--no-output" => options with { OutputFile = null },
                    "--verbose" => options with { Verbose = true },
                    "--webhooks" => options with { Webhooks = true },
                    "--arrival-seconds" => options with { ArrivalSeconds = int.Parse(Next()) },
                    _ => throw new ArgumentException($"Unknown option {args[i]}."),
                };
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                Console.Error.WriteLine(ex.Message);
                return null;
            }
        }
        return options.Orders.All(o => o > 0) && options.Stores > 0 && options.FloorOrders > 0 && options.FloorParallelism > 0 ? options : null;
    }
}
