using System.Globalization;
using System.Text.RegularExpressions;

namespace Benchmark;

/// <summary>Turns a run's records into the figures the issue asks for, as Markdown lines (printed and kept in docs/benchmarks.md).</summary>
public static partial class Report
{
    // The issue's targets.
    private const double FloorShareTarget = 0.5;
    private const double StoragePerOrderTarget = 12;
    private const double CreatesPer100Target = 2;
    private const int ClickAndDropPerSecondLimit = 5;
    private static readonly TimeSpan LatencyP95Target = TimeSpan.FromSeconds(60);

    public sealed record Verdict(string Line, bool Drained);

    public static (List<string> Lines, Verdict Verdict) Build(PipelineResult run)
    {
        var lines = new List<string>();
        var n = run.Orders.Count;
        var created = run.Orders.Where(o => o.CarrierOrderAt is not null).ToList();
        var writtenBack = run.Orders.Where(o => o.WrittenBackAt is not null).ToList();
        var lastWriteBack = writtenBack.Count > 0 ? writtenBack.Max(o => o.WrittenBackAt!.Value) : (DateTimeOffset?)null;
        var lastCreate = created.Count > 0 ? created.Max(o => o.CarrierOrderAt!.Value) : (DateTimeOffset?)null;
        var endToEnd = lastWriteBack is { } end && run.Drained ? writtenBack.Count / (end - run.StartedAt).TotalSeconds : (double?)null;
        var toCarrier = lastCreate is { } c && created.Count == n ? n / (c - run.StartedAt).TotalSeconds : (double?)null;
        var floor = run.Floor.OrdersPerSecond;

        var arrival = run.Options.ArrivalSeconds > 0 ? $", appearing over {run.Options.ArrivalSeconds} s" : ", all at once (a backlog)";
        var webhooks = run.Options.Webhooks ? ", BigCommerce webhooks on" : "";
        lines.Add($"### {n:N0} orders, {run.Options.Stores} store(s){arrival}{webhooks}{(run.Drained ? "" : " — NOT DRAINED")}");
        lines.Add("");
        lines.Add("| Figure | Value | Target |");
        lines.Add("|---|---|---|");
        lines.Add($"| storage floor (raw, {run.Floor.Orders:N0} orders, {run.Floor.OperationsPerOrder:F2} operations/order) | {floor:F1} orders/s | |");
        if (run.FloorThroughProxy is { } proxied)
            lines.Add($"| storage floor through the counting proxy | {proxied.OrdersPerSecond:F1} orders/s | |");
        lines.Add($"| pipeline throughput, appeared → written back | {Rate(endToEnd)} | ≥ {floor * FloorShareTarget:F1} orders/s (half the floor) {Mark(endToEnd >= floor * FloorShareTarget)} |");
        lines.Add($"| ratio to the floor | {(endToEnd is { } e ? $"{e / floor:P1}" : "—")} | ≥ 50 % |");
        lines.Add($"| throughput, appeared → carrier order | {Rate(toCarrier)} | |");
        lines.Add($"| drain time (all written back) | {(run.Drained && lastWriteBack is { } lw ? $"{(lw - run.StartedAt).TotalSeconds:F0} s" : $"not drained after {run.Elapsed.TotalSeconds:F0} s: {created.Count:N0} carrier orders, {writtenBack.Count:N0} written back")} | |");

        lines.Add($"| every label stored (costs below are counted to here) | {(run.LabelsStoredAfter is { } l ? $"{l.TotalSeconds:F0} s" : "not within the time limit")} | |");

        var storage = StorageByKind(run);
        var storagePerOrder = storage.Where(s => IsTransaction(s.Key)).Sum(s => s.Value) / (double)n;
        var emptyGetsPerOrder = storage.Where(s => s.Key.Contains("(empty)", StringComparison.Ordinal)).Sum(s => s.Value) / (double)n;
        lines.Add($"| storage transactions per order (empty queue polls apart) | {storagePerOrder:F1} | ≤ {StoragePerOrderTarget} {Mark(storagePerOrder <= StoragePerOrderTarget)} |");
        lines.Add($"| empty queue polls per order (host listeners while idle) | {emptyGetsPerOrder:F1} | |");

        var bigCommerce = run.BigCommerceRequests.GroupBy(BigCommerceKind).ToDictionary(g => g.Key, g => g.Count());
        var creates = run.ClickAndDropRequests.Count(r => ClickAndDropKind(r) == "POST /orders");
        var clickAndDrop = run.ClickAndDropRequests.GroupBy(ClickAndDropKind).ToDictionary(g => g.Key, g => g.Count());
        var createsPer100 = creates * 100.0 / n;
        lines.Add($"| BigCommerce calls per order | {run.BigCommerceRequests.Count / (double)n:F2} (429s: {run.BigCommerceRequests.Count(r => r.StatusCode == 429)}) | |");
        lines.Add($"| Click & Drop calls per order | {run.ClickAndDropRequests.Count / (double)n:F2} (429s: {run.ClickAndDropRequests.Count(r => r.StatusCode == 429)}) | |");
        lines.Add($"| Click & Drop creates per 100 orders | {createsPer100:F1} | ≤ {CreatesPer100Target} {Mark(createsPer100 <= CreatesPer100Target)} |");
        lines.Add($"| Click & Drop most requests in one second | {run.ClickAndDropStats.MaxRequestsInOneSecond} | ≤ {ClickAndDropPerSecondLimit} {Mark(run.ClickAndDropStats.MaxRequestsInOneSecond <= ClickAndDropPerSecondLimit)} |");

        var latencies = created.Select(o => o.CarrierOrderAt!.Value - o.AppearedAt).OrderBy(t => t).ToList();
        var p95 = Percentile(latencies, 0.95);
        lines.Add($"| latency appeared → carrier order p50 / p95 / p99 | {Seconds(Percentile(latencies, 0.50))} / {Seconds(p95)} / {Seconds(Percentile(latencies, 0.99))} | p95 < {LatencyP95Target.TotalSeconds:F0} s {Mark(p95 < LatencyP95Target)} |");
        var writeBackLatencies = writtenBack.Select(o => o.WrittenBackAt!.Value - o.AppearedAt).OrderBy(t => t).ToList();
        lines.Add($"| latency appeared → written back p50 / p95 / p99 | {Seconds(Percentile(writeBackLatencies, 0.50))} / {Seconds(Percentile(writeBackLatencies, 0.95))} / {Seconds(Percentile(writeBackLatencies, 0.99))} | |");
        // Created → despatched and written back: the carrier's warehouse, the carrier sync (and any label it waits for) and the write-back.
        var afterCreate = writtenBack.Where(o => o.CarrierOrderAt is not null).Select(o => o.WrittenBackAt!.Value - o.CarrierOrderAt!.Value).OrderBy(t => t).ToList();
        lines.Add($"| latency carrier order → written back p50 / p95 / p99 | {Seconds(Percentile(afterCreate, 0.50))} / {Seconds(Percentile(afterCreate, 0.95))} / {Seconds(Percentile(afterCreate, 0.99))} | |");
        lines.Add($"| worker start-up (restart to functions loaded) | {run.WorkerStart.TotalSeconds:F1} s | |");
        lines.Add($"| worker peak memory (VmHWM) | {run.WorkerPeakMemoryKb / 1024.0:F0} MB | |");
        lines.Add($"| whole stack start (Azurite, simulators, host, worker) | {run.StackStart.TotalSeconds:F1} s | |");
        lines.Add("");

        lines.Add("Storage requests per order, by kind (on the wire, worker and host together; \"in batch\" rows are the operations inside the batches above them, not extra requests):");
        lines.Add("");
        lines.Add("| Kind | Per order | Requests |");
        lines.Add("|---|---|---|");
        foreach (var (kind, count) in storage.OrderByDescending(s => s.Value))
            lines.Add($"| {kind} | {count / (double)n:F2} | {count:N0} |");
        lines.Add("");
        lines.Add("Largest storage costs by table or queue:");
        lines.Add("");
        lines.Add("| Kind | Table / queue | Per order |");
        lines.Add("|---|---|---|");
        foreach (var ((kind, resource), count) in run.StorageRequests.Where(s => IsTransaction(s.Key.Kind)).OrderByDescending(s => s.Value).Take(15))
            lines.Add($"| {kind} | {resource} | {count / (double)n:F2} |");
        lines.Add("");
        lines.Add("Partner calls per order, by kind:");
        lines.Add("");
        lines.Add("| Partner | Call | Per order | Calls |");
        lines.Add("|---|---|---|---|");
        foreach (var (kind, count) in bigCommerce.OrderByDescending(b => b.Value))
            lines.Add($"| BigCommerce | {kind} | {count / (double)n:F2} | {count:N0} |");
        foreach (var (kind, count) in clickAndDrop.OrderByDescending(b => b.Value))
            lines.Add($"| Click & Drop | {kind} | {count / (double)n:F2} | {count:N0} |");
        lines.Add("");

        var missed = new List<string>();
        if (!(endToEnd >= floor * FloorShareTarget)) missed.Add("throughput");
        if (storagePerOrder > StoragePerOrderTarget) missed.Add("storage/order");
        if (createsPer100 > CreatesPer100Target) missed.Add("creates/100");
        if (run.ClickAndDropStats.MaxRequestsInOneSecond > ClickAndDropPerSecondLimit) missed.Add("C&D req/s");
        if (!(p95 < LatencyP95Target)) missed.Add("p95 latency");
        var verdict = run.Drained
            ? $"{n:N0} orders drained in {(lastWriteBack!.Value - run.StartedAt).TotalSeconds:F0} s: {Rate(endToEnd)} ({endToEnd / floor:P0} of the {floor:F0} orders/s floor), " +
              $"{storagePerOrder:F1} storage tx/order, {createsPer100:F1} C&D creates/100, p95 {Seconds(p95)}; " +
              (missed.Count == 0 ? "every target met." : $"targets missed: {string.Join(", ", missed)}.")
            : $"{n:N0} orders NOT drained within {run.Elapsed.TotalSeconds:F0} s ({created.Count:N0} carrier orders, {writtenBack.Count:N0} written back): the run is broken or too slow.";
        lines.Add($"**Summary:** {verdict}");
        lines.Add("");
        return (lines, new Verdict(verdict, run.Drained));
    }

    /// <summary>By kind over all tables and queues.</summary>
    private static Dictionary<string, long> StorageByKind(PipelineResult run) =>
        run.StorageRequests.GroupBy(s => s.Key.Kind).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));

    /// <summary>A storage request billed as a transaction: every request except empty polls (and the proxy's own resends); operations inside a batch are its one request.</summary>
    private static bool IsTransaction(string kind) =>
        !kind.Contains("(empty)", StringComparison.Ordinal) && !kind.StartsWith("  in batch", StringComparison.Ordinal)
        && !kind.StartsWith("proxy:", StringComparison.Ordinal);

    private static string BigCommerceKind(Sandbox.BigCommerce.BigCommerceRequestRecord request) =>
        $"{request.Method} {IdSegment().Replace(request.Path, "/{id}")}{(request.StatusCode == 429 ? " (429)" : "")}";

    private static string ClickAndDropKind(Sandbox.ClickAndDrop.ClickAndDropRequestLogEntry request)
    {
        var path = request.RawTarget.Split('?')[0].Replace(Sandbox.ClickAndDrop.ClickAndDropSimulator.ApiPrefix, "", StringComparison.Ordinal);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2 && parts[0] == "orders" && parts[1] != "status")
            parts[1] = "{ids}";
        return $"{request.Method} /{string.Join('/', parts)}{(request.StatusCode == 429 ? " (429)" : "")}";
    }

    private static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s";
    private static string Rate(double? perSecond) => perSecond is { } r ? $"{r:F2} orders/s" : "—";
    private static string Mark(bool met) => met ? "✓" : "✗";

    [GeneratedRegex(@"/\d+")]
    private static partial Regex IdSegment();
}
