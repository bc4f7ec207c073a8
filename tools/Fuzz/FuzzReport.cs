namespace Fuzz;

/// <summary>The tables and the summary line; the exit code is 1 when a figure that must be 0 is not.</summary>
internal sealed class FuzzReport(
    FuzzOptions options, IReadOnlyList<HttpTarget> httpTargets, IReadOnlyList<QueueTarget> queueTargets, Tally tally, QueueFuzz queues,
    IReadOnlyList<ForgeryCheck> forgeries, RunLog log, IReadOnlyDictionary<string, string> secrets, bool drained,
    double httpSeconds, double queueSeconds, TimeSpan total)
{
    public int Print()
    {
        Console.WriteLine();
        Console.WriteLine($"HTTP functions ({httpSeconds:0} s)");
        Console.WriteLine($"  {"function",-28} {"auth",-9} {"cases",6} {"2xx",6} {"3xx",5} {"4xx",6} {"5xx",5} {"no answer",9} {"keyless 2xx",11} {"reached app",11} {"failed runs",11}");
        foreach (var target in httpTargets)
        {
            var c = tally.Http.GetValueOrDefault(target.Function) ?? new Tally.HttpCounts();
            var invocations = tally.Invocations.GetValueOrDefault(target.Function);
            Console.WriteLine($"  {target.Function,-28} {target.AuthLevel,-9} {c.Cases,6} {c.Status2xx,6} {c.Status3xx,5} {c.Status4xx,6} {c.Status5xx,5} {c.NoAnswer,9} {c.KeylessAccepted,11} {(invocations?.Succeeded ?? 0) + (invocations?.Failed ?? 0),11} {invocations?.Failed ?? 0,11}");
        }

        Console.WriteLine("  (keyless 2xx: accepted without a valid function key; reached app: invocations of the function, the rest were answered by the host: 401, 404, 405, 413)");
        if (tally.CutOff > 0)
            Console.WriteLine($"  ({tally.CutOff} requests over 1 MB were cut off by the server before their body was sent; counted as 4xx)");
        Console.WriteLine("  Cases by kind, all HTTP targets: " + string.Join(", ", tally.Kinds.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value}")));

        Console.WriteLine();
        Console.WriteLine($"Queues ({queueSeconds:0} s, drained: {(drained ? "yes" : "NO")})");
        Console.WriteLine($"  {"queue",-20} {"function",-16} {"cases",6} {"refused",8} {"ok runs",8} {"failed runs",11} {"rejected",9} {"parked by host",14} {"poisoned by app",15}");
        foreach (var target in queueTargets)
        {
            var q = queues.Counts.GetValueOrDefault(target.Queue) ?? new QueueCounts();
            var invocations = tally.Invocations.GetValueOrDefault(target.Function);
            Console.WriteLine($"  {target.Queue,-20} {target.Function,-16} {q.Cases,6} {q.RefusedByStorage,8} {invocations?.Succeeded ?? 0,8} {invocations?.Failed ?? 0,11} {q.RecordedAsRejected,9} {q.ParkedByHostNotBase64,14} {PoisonedByApp(q),15}");
        }
        Console.WriteLine("  (refused: over the queue's 64 KiB, refused by storage at send; parked by host: not base64 or not UTF-8, moved to -poison by the host before the app sees it)");

        Console.WriteLine();
        Console.WriteLine("Callbacks and webhooks");
        foreach (var group in forgeries.GroupBy(f => f.Target))
        {
            Console.WriteLine($"  {group.Key}");
            foreach (var check in group)
                Console.WriteLine($"    {(check.Passed ? "ok  " : "FAIL")} {check.Case,-42} {(check.Genuine ? "must accept" : "must refuse"),-12} → {check.Status}{(check.Accepted ? " accepted" : " refused")}");
        }

        var failedInvocations = tally.Invocations.Sum(i => i.Value.Failed);
        var problems500 = log.Lines.Count(l => l.Contains(" failed (trace ", StringComparison.Ordinal));
        var unhandled = failedInvocations + problems500;
        var fiveXx = tally.Http.Values.Sum(c => c.Status5xx) + forgeries.Count(f => f.Status >= 500);
        var noAnswer = tally.Http.Values.Sum(c => c.NoAnswer);
        var poisoned = queues.Counts.Values.Sum(PoisonedByApp);
        var forgedAccepted = forgeries.Count(f => !f.Genuine && f.Accepted) + tally.Http.Values.Sum(c => c.KeylessAccepted);
        var genuineRefused = forgeries.Count(f => f.Genuine && !f.Accepted);
        var found = log.FindSecrets(secrets);

        Console.WriteLine();
        Console.WriteLine($"Log: {log.Lines.Count} lines from the host and the worker ({log.Path}); scanned for {secrets.Count} secrets: {string.Join(", ", secrets.Keys)}");
        foreach (var (name, lines) in found)
            Console.WriteLine($"  SECRET {name} appears on {lines} line(s), e.g.: {HttpCase.Shorten(log.FirstShowing(secrets[name]) ?? "", 300)}");
        PrintSamples(failedInvocations, problems500);

        Console.WriteLine();
        Console.WriteLine($"Time: {total.TotalSeconds:0} s in all.");
        Console.WriteLine($"fuzz: {httpTargets.Count + queueTargets.Count} targets x {options.Cases} cases ({httpTargets.Count} HTTP, {queueTargets.Count} queues) + {forgeries.Count} callback checks; "
            + $"{unhandled} unhandled, {fiveXx} 5xx on client errors, {poisoned} poisoned by bad input, {forgedAccepted} forged accepted, {found.Count} secrets in logs"
            + $" ({noAnswer} unanswered, {genuineRefused} genuine refused{(drained ? "" : ", queues NOT drained")}) (seed {options.Seed})");
        return unhandled + fiveXx + poisoned + forgedAccepted + found.Count + noAnswer + genuineRefused == 0 && drained ? 0 : 1;
    }

    private static int PoisonedByApp(QueueCounts q) => Math.Max(0, q.Poisoned - q.ParkedByHostNotBase64);

    private void PrintSamples(int failedInvocations, int problems500)
    {
        var any = false;
        void Header()
        {
            if (!any)
                Console.WriteLine("\nWhat went wrong (first cases of each):");
            any = true;
        }
        foreach (var (target, counts) in tally.Http.OrderBy(h => h.Key))
            foreach (var sample in counts.Samples)
            {
                Header();
                Console.WriteLine($"  {target}: {sample}");
            }
        foreach (var (function, counts) in tally.Invocations.Where(i => i.Value.Failed > 0).OrderBy(i => i.Key))
            foreach (var error in counts.Errors)
            {
                Header();
                Console.WriteLine($"  {function} failed ({counts.Failed} in all): {error}");
            }
        if (problems500 > 0)
        {
            Header();
            foreach (var line in log.Lines.Where(l => l.Contains(" failed (trace ", StringComparison.Ordinal)).Take(5))
                Console.WriteLine($"  500 logged: {HttpCase.Shorten(line, 600)}");
        }
        foreach (var (queue, counts) in queues.Counts.Where(q => PoisonedByApp(q.Value) > 0))
            foreach (var sample in counts.Samples)
            {
                Header();
                Console.WriteLine($"  {queue}-poison holds: {sample}");
            }
        _ = failedInvocations;
    }
}
