using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using LocalHost;

namespace Fulfilment.IntegrationTests.LocalHost;

/// <summary>
/// One FunctionsLocalHost running tests/LocalHost.TestWorker (an isolated worker) against the shared Azurite, with
/// queue names unique to the test so tests can run side by side.
/// </summary>
internal sealed class LocalHostTestApp : IAsyncDisposable
{
    private readonly ConcurrentQueue<InvocationResult> _results = new();
    private readonly ConcurrentQueue<string> _log = new();

    private LocalHostTestApp(AzuriteInstance azurite, string suffix)
    {
        Azurite = azurite;
        WorkQueue = $"work-{suffix}";
        DoneQueue = $"done-{suffix}";
        ReportQueue = $"report-{suffix}";
        InspectQueue = $"inspect-{suffix}";
        Queues = new QueueServiceClient(azurite.ConnectionString);
    }

    public static string AppDirectory => Path.Combine(AppContext.BaseDirectory, "localhost-testworker");

    public AzuriteInstance Azurite { get; }
    public FunctionsLocalHost Host { get; private set; } = null!;
    public QueueServiceClient Queues { get; }
    public string WorkQueue { get; }
    public string DoneQueue { get; }
    public string ReportQueue { get; }
    public string InspectQueue { get; }
    public IReadOnlyList<InvocationResult> Results => _results.ToList();
    public string Log => string.Join('\n', _log);
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <param name="settings">Extra app settings (e.g. AzureFunctionsJobHost__ overrides), added to the test's own.</param>
    public static async Task<LocalHostTestApp> StartAsync(
        string tickSchedule = "0 0 0 1 1 *", bool timerSchedules = false, IDictionary<string, string?>? settings = null)
    {
        Assert.True(File.Exists(Path.Combine(AppDirectory, "worker.config.json")), $"The test worker's app directory is missing at {AppDirectory}.");
        var app = new LocalHostTestApp(await AzuriteInstance.Shared, Guid.NewGuid().ToString("N")[..10]);
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["TestStorage"] = app.Azurite.ConnectionString,
            ["WorkQueue"] = app.WorkQueue,
            ["DoneQueue"] = app.DoneQueue,
            ["ReportQueue"] = app.ReportQueue,
            ["InspectQueue"] = app.InspectQueue,
            ["TickSchedule"] = tickSchedule,
            ["TestGreeting"] = "hello-from-settings",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        app.Host = await FunctionsLocalHost.StartAsync(new LocalHostOptions
        {
            AppDirectory = AppDirectory,
            HttpPort = 0,
            EnableTimerSchedules = timerSchedules,
            Log = app._log.Enqueue,
            Settings = all,
        });
        app.Host.InvocationCompleted += app._results.Enqueue;
        app.Http.BaseAddress = new Uri(app.Host.BaseUrl);
        return app;
    }

    /// <summary>Sends as a producer configured like the host (base64), which is what our pipeline's senders do.</summary>
    public async Task<Azure.Storage.Queues.Models.SendReceipt> SendAsync(string queueName, string text)
    {
        var queue = Queues.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        return (await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)))).Value;
    }

    public Task<Azure.Storage.Queues.Models.SendReceipt> SendWorkAsync(string text) => SendAsync(WorkQueue, text);

    /// <summary>Waits for at least <paramref name="count"/> messages in a queue and returns them base64-decoded.</summary>
    public async Task<List<string>> ReceiveAsync(string queueName, int count, TimeSpan? timeout = null, bool decode = true)
    {
        var queue = Queues.GetQueueClient(queueName);
        var found = new List<string>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (found.Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Only {found.Count} of {count} message(s) arrived in '{queueName}'. Host log:\n{Log}");
            if ((await queue.ExistsAsync()).Value)
            {
                foreach (var m in (await queue.ReceiveMessagesAsync(32)).Value)
                {
                    found.Add(decode ? Encoding.UTF8.GetString(Convert.FromBase64String(m.MessageText)) : m.MessageText);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                }
            }
            if (found.Count < count)
                await Task.Delay(100);
        }
        return found;
    }

    /// <summary>The Work function's reports (JSON) until one per text in <paramref name="texts"/> has arrived, by text.</summary>
    public async Task<Dictionary<string, JsonNode>> ReportsForAsync(IEnumerable<string> texts, TimeSpan? timeout = null)
    {
        var wanted = texts.ToHashSet();
        var reports = new Dictionary<string, JsonNode>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (!wanted.IsSubsetOf(reports.Keys))
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
                throw new TimeoutException($"Reports missing for: {string.Join(", ", wanted.Except(reports.Keys))}. Host log:\n{Log}");
            foreach (var message in await ReceiveAsync(DoneQueue, 1, remaining))
            {
                var report = JsonNode.Parse(message)!;
                reports[report["text"]!.GetValue<string>()] = report; // a redelivered message reports again: the last wins
            }
        }
        return reports;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails with the host log after the deadline.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}. Host log:\n{Log}");
            await Task.Delay(50);
        }
    }

    public int LogCount(string text) => _log.Count(line => line.Contains(text, StringComparison.Ordinal));

    public List<InvocationResult> ResultsOf(string function) => Results.Where(r => r.FunctionName == function).ToList();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (Host is not null)
            await Host.DisposeAsync();
    }
}
