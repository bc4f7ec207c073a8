using System.Diagnostics;
using System.Net;

namespace Fulfilment.IntegrationTests.LocalHost;

public sealed class WorkerRestartTests
{
    [Fact]
    public async Task Worker_killed_mid_batch_is_restarted_and_no_message_is_lost()
    {
        await using var app = await LocalHostTestApp.StartAsync();
        var firstPid = app.Host.WorkerProcessId;
        var texts = Enumerable.Range(1, 6).Select(i => $"sleep:3000:{i}").ToList();

        foreach (var text in texts)
            await app.SendWorkAsync(text);
        await app.WaitUntilAsync(() => app.LogCount("Executing 'Functions.Work'") >= 3, "three invocations in flight");
        await app.Host.RestartWorkerAsync();
        var reports = await app.ReportsForAsync(texts);
        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(firstPid, app.Host.WorkerProcessId);
        Assert.True(Process.GetProcessById(app.Host.WorkerProcessId) is { HasExited: false });
        Assert.Contains(app.ResultsOf("Work"), r => !r.Succeeded && r.Error!.Contains("RestartWorkerAsync", StringComparison.Ordinal));
        Assert.All(reports.Values, r => Assert.Equal(app.Host.WorkerProcessId, r["pid"]!.GetValue<int>()));
        Assert.Equal(texts.Count, app.ResultsOf("Work").Count(r => r.Succeeded));
    }

    [Fact]
    public async Task Worker_that_kills_its_own_process_is_restarted_and_its_messages_are_retried()
    {
        await using var app = await LocalHostTestApp.StartAsync();
        var firstPid = app.Host.WorkerProcessId;
        var texts = new[] { "crash-once:x", "sleep:2000:a", "sleep:2000:b" };

        foreach (var text in texts)
            await app.SendWorkAsync(text);
        var reports = await app.ReportsForAsync(texts);
        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(firstPid, app.Host.WorkerProcessId);
        Assert.Contains("stopped unexpectedly", app.Log);
        Assert.Contains(app.ResultsOf("Work"), r => !r.Succeeded && r.Error!.Contains("unexpectedly", StringComparison.Ordinal));
        Assert.Equal(2, reports["crash-once:x"]["dequeueCount"]!.GetValue<long>()); // released at once, retried by the new worker
    }

    [Fact]
    public async Task Function_timeout_restarts_the_worker_and_messages_in_flight_come_back_after_their_lease()
    {
        await using var app = await LocalHostTestApp.StartAsync(
            settings: new Dictionary<string, string?> { ["AzureFunctionsJobHost__functionTimeout"] = "00:00:04" });
        var firstPid = app.Host.WorkerProcessId;
        // Each sleeps far past the timeout on its first delivery only, so every one is in flight when the worker goes.
        var slow = Enumerable.Range(1, 3).Select(i => $"sleep-once:60000:{i}").ToList();
        var quick = new[] { "quick-1", "quick-2" };

        foreach (var text in slow.Concat(quick))
            await app.SendWorkAsync(text);
        var reports = await app.ReportsForAsync(slow.Concat(quick), TimeSpan.FromSeconds(120));
        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(firstPid, app.Host.WorkerProcessId);
        Assert.Contains("Timeout value of 00:00:04 exceeded by function 'Functions.Work'", app.Log);
        var results = app.ResultsOf("Work");
        var lost = results.Where(r => !r.Succeeded).ToList();
        Assert.Equal(slow.Count, lost.Count);
        Assert.All(slow, text => Assert.Equal(2, reports[text]["dequeueCount"]!.GetValue<long>()));
        // Not released early: a lost message is received again only when its first lease (functionTimeout + 5 s = 9 s)
        // has run out, so its second receive's NextVisibleTime is at least 9 + 9 s after it was sent; released at
        // the timeout it would be about 4 + 1 + 9 s.
        Assert.All(slow, text =>
        {
            var sent = Time(reports[text]["insertionTime"]!);
            var secondLeaseEnds = Time(reports[text]["nextVisibleTime"]!);
            Assert.True(secondLeaseEnds - sent >= TimeSpan.FromSeconds(16.5), $"{text}: second lease ends {secondLeaseEnds - sent} after it was sent");
        });
        Assert.Equal(slow.Count + quick.Length, results.Count(r => r.Succeeded));
    }

    private static DateTimeOffset Time(System.Text.Json.Nodes.JsonNode node) =>
        DateTimeOffset.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Http_function_past_the_timeout_answers_500_and_the_next_call_reaches_a_new_worker()
    {
        await using var app = await LocalHostTestApp.StartAsync(
            settings: new Dictionary<string, string?> { ["AzureFunctionsJobHost__functionTimeout"] = "00:00:03" });
        var firstPid = app.Host.WorkerProcessId;

        using var slow = await app.Http.GetAsync("/api/slow?ms=60000");
        using var after = await app.Http.GetAsync("/api/open");

        Assert.Equal(HttpStatusCode.InternalServerError, slow.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(firstPid, app.Host.WorkerProcessId);
        await app.WaitUntilAsync(() => app.ResultsOf("Slow").Count > 0, "the Slow invocation's result");
        Assert.Contains(app.ResultsOf("Slow"), r => !r.Succeeded && r.Error!.Contains("Timeout value of 00:00:03", StringComparison.Ordinal));
    }
}
