using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Queues;
using Fulfilment.IntegrationTests.Infrastructure;
using LocalHost;
using Xunit;

namespace Fulfilment.IntegrationTests.LocalHost;

/// <summary>
/// One FunctionsLocalHost running tests/LocalHost.TestHandler against the shared Azurite, with queue names unique to
/// the test so tests can run side by side.
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
        Queues = new QueueServiceClient(azurite.ConnectionString);
    }

    public static string ScriptRoot => Path.Combine(AppContext.BaseDirectory, "localhost-testhandler");

    public AzuriteInstance Azurite { get; }
    public FunctionsLocalHost Host { get; private set; } = null!;
    public QueueServiceClient Queues { get; }
    public string WorkQueue { get; }
    public string DoneQueue { get; }
    public string ReportQueue { get; }
    public IReadOnlyList<InvocationResult> Results => _results.ToList();
    public string Log => string.Join('\n', _log);
    public HttpClient Http { get; } = new();

    public static async Task<LocalHostTestApp> StartAsync(string tickSchedule = "0 0 0 1 1 *", bool timerSchedules = false)
    {
        Assert.True(File.Exists(Path.Combine(ScriptRoot, "host.json")), $"The test handler's script root is missing at {ScriptRoot}.");
        var app = new LocalHostTestApp(await AzuriteInstance.Shared, Guid.NewGuid().ToString("N")[..10]);
        app.Host = await FunctionsLocalHost.StartAsync(new LocalHostOptions
        {
            ScriptRoot = ScriptRoot,
            HttpPort = 0,
            EnableTimerSchedules = timerSchedules,
            Log = app._log.Enqueue,
            Settings = new Dictionary<string, string?>
            {
                ["TestStorage"] = app.Azurite.ConnectionString,
                ["WorkQueue"] = app.WorkQueue,
                ["DoneQueue"] = app.DoneQueue,
                ["ReportQueue"] = app.ReportQueue,
                ["TickSchedule"] = tickSchedule,
                ["TestGreeting"] = "hello-from-settings",
            },
        });
        app.Host.InvocationCompleted += app._results.Enqueue;
        app.Http.BaseAddress = new Uri(app.Host.BaseUrl);
        return app;
    }

    /// <summary>Sends as a producer configured like the host (base64), which is what our pipeline's senders do.</summary>
    public async Task SendWorkAsync(string text) =>
        await Queues.GetQueueClient(WorkQueue).SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));

    /// <summary>Waits for at least <paramref name="count"/> messages in a queue and returns them base64-decoded.</summary>
    public async Task<List<string>> ReceiveAsync(string queueName, int count, TimeSpan? timeout = null, bool decode = true)
    {
        var queue = Queues.GetQueueClient(queueName);
        var found = new List<string>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(40));
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

    public List<InvocationResult> ResultsOf(string function) => Results.Where(r => r.FunctionName == function).ToList();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (Host is not null)
            await Host.DisposeAsync();
    }
}
