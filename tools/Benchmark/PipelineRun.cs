using System.Diagnostics;
using Demo;
using Fulfilment.Orders;
using Sandbox.BigCommerce;
using Sandbox.ClickAndDrop;

namespace Benchmark;

/// <summary>How one pipeline run is set up.</summary>
/// <param name="Webhooks">BigCommerce's order webhooks on (hooks subscribed at install), beside the poll.</param>
/// <param name="ArrivalSeconds">
/// 0: every order appears at once and a poll is fired at once (a backlog). Otherwise orders appear evenly over this
/// many seconds and only the production schedules (and webhooks, if on) find them: the latency an order sees.
/// </param>
public sealed record PipelineRunOptions(int Orders, int Stores, TimeSpan Timeout, int FloorOrders, int FloorParallelism, bool Verbose,
    bool Webhooks = false, int ArrivalSeconds = 0);

/// <summary>One seeded order and what the simulators recorded of it.</summary>
public sealed record OrderTimes(string StoreHash, long OrderId, string Reference, DateTimeOffset AppearedAt)
{
    public DateTimeOffset? CarrierOrderAt { get; set; }
    public DateTimeOffset? WrittenBackAt { get; set; }
}

/// <summary>Everything one run measured.</summary>
public sealed record PipelineResult(
    PipelineRunOptions Options,
    FloorResult Floor,
    FloorResult? FloorThroughProxy,
    TimeSpan StackStart,
    TimeSpan WorkerStart,
    long WorkerPeakMemoryKb,
    DateTimeOffset StartedAt,
    IReadOnlyList<OrderTimes> Orders,
    IReadOnlyDictionary<(string Kind, string Resource), long> StorageRequests,
    IReadOnlyList<BigCommerceRequestRecord> BigCommerceRequests,
    IReadOnlyList<ClickAndDropRequestLogEntry> ClickAndDropRequests,
    ClickAndDropAccountStats ClickAndDropStats,
    bool Drained,
    TimeSpan Elapsed,
    TimeSpan? LabelsStoredAfter);

/// <summary>
/// One measured run: a fresh local stack with the function app's storage behind the counting proxy, the floor measured
/// on the same Azurite, N orders seeded across the stores at once, the first poll fired, then production schedules
/// until every order is written back (or the time limit), reading progress from the simulators' own records.
/// </summary>
public static class PipelineRun
{
    public const string ClickAndDropAccount = DevStack.ClickAndDropAccountId;
    private static readonly string[] Skus = ["MUG-BLUE", "TEE-M-BLK", "POSTER-A2", "NOTEBOOK-A5", "CANDLE-SOY"];

    public static async Task<PipelineResult> RunAsync(PipelineRunOptions options, Action<string> say, CancellationToken cancellationToken)
    {
        CountingStorageProxy? proxy = null;
        var stackClock = Stopwatch.StartNew();
        await using var stack = await DevStack.StartAsync(new DevStackOptions
        {
            // Production schedules and settings from local.settings.sample.json: nothing overridden.
            EnableTimerSchedules = true,
            BigCommerceWebhooks = options.Webhooks,
            Log = options.Verbose ? say : ShowProblems(say),
            AppStorageConnectionString = azurite =>
            {
                proxy = CountingStorageProxy.StartAsync(azurite).GetAwaiter().GetResult();
                return proxy.ConnectionString;
            },
        }, cancellationToken);
        await using var _ = proxy!;
        var stackStart = stackClock.Elapsed;
        say($"Stack up in {stackStart.TotalSeconds:F1} s (Azurite, simulators, function app behind the counting proxy).");

        // The floor runs on a second Azurite of the same version, flags and machine, not on the pipeline's: Azurite sweeps
        // the extents of deleted queue messages once a minute, at a cost that grows with the square of their number, and
        // the floor's thousands of messages would stall the pipeline's run for half a minute (seen here: every storage
        // request held 35-40 s). Each measurement pays for its own garbage only.
        FloorResult floor, floorProxied;
        await using (var floorAzurite = await AzuriteInstance.StartAsync(cancellationToken))
        await using (var floorProxy = await CountingStorageProxy.StartAsync(floorAzurite))
        {
            say($"Storage floor: {options.FloorOrders} orders raw against a second Azurite like the pipeline's, after a warm-up…");
            // A fresh Azurite and a cold SDK are slower on their first few hundred operations; the warm-up is not counted.
            await StorageFloor.RunAsync(floorAzurite.ConnectionString, Math.Min(200, options.FloorOrders), options.FloorParallelism, cancellationToken);
            floor = await StorageFloor.RunAsync(floorAzurite.ConnectionString, options.FloorOrders, options.FloorParallelism, cancellationToken);
            say($"  {floor.OrdersPerSecond:F1} orders/s, {floor.OperationsPerOrder:F2} operations per order.");
            floorProxied = await StorageFloor.RunAsync(floorProxy.ConnectionString, options.FloorOrders, options.FloorParallelism, cancellationToken);
            say($"  through the counting proxy: {floorProxied.OrdersPerSecond:F1} orders/s (the proxy's own cost).");
        }

        // The partners as in production: Standard-plan quota per store, 5 requests/s per Click & Drop account, an OBA
        // account (labels), and a warehouse with no artificial delay (postage and despatch at its next tick).
        stack.Sandbox.ClickAndDrop.RequestsPerSecond = 5;
        stack.Sandbox.ClickAndDrop.AddAccount(ClickAndDropAccount, DevStack.ClickAndDropApiKey, isOba: true,
            warehouse: new ClickAndDropWarehouse(TimeSpan.Zero, TimeSpan.Zero));
        var stores = Enumerable.Range(1, options.Stores).Select(i => $"bench{i:D3}").ToList();
        foreach (var store in stores)
            stack.Sandbox.BigCommerce.CreateStore(store, accessToken: null, quota: 150, window: TimeSpan.FromSeconds(30));
        await stack.ConfigureDemoAsync(cancellationToken);
        foreach (var store in stores)
            await stack.InstallBigCommerceAppAsync(store, cancellationToken);

        // A worker restart measures start-up and begins the peak-memory count at this run.
        var workerClock = Stopwatch.StartNew();
        await stack.Host.RestartWorkerAsync(cancellationToken);
        var workerStart = workerClock.Elapsed;
        say($"Worker start-up: {workerStart.TotalSeconds:F1} s.");

        foreach (var store in stores)
            stack.Sandbox.BigCommerce.ClearRequests(store);
        var requestsBefore = stack.Sandbox.ClickAndDrop.RequestLog(ClickAndDropAccount).Count;
        var labelsInCreatesBefore = stack.Sandbox.ClickAndDrop.Stats(ClickAndDropAccount).LabelsInCreateResponses;
        proxy!.Reset();

        var clock = Stopwatch.StartNew();
        List<OrderTimes> orders;
        if (options.ArrivalSeconds <= 0)
        {
            orders = await SeedAsync(stack, stores, options.Orders, TimeSpan.Zero, cancellationToken);
            say($"Seeded {orders.Count} orders across {stores.Count} store(s); firing the first poll, then production schedules.");
            await stack.Host.TriggerTimerAsync("PollChannels", cancellationToken);
        }
        else
        {
            // Times come from the simulators' own records, so watching can start once every order has appeared.
            say($"Seeding {options.Orders} orders across {stores.Count} store(s) over {options.ArrivalSeconds} s; production schedules" +
                $"{(options.Webhooks ? " and BigCommerce webhooks" : "")} find them.");
            orders = await SeedAsync(stack, stores, options.Orders, TimeSpan.FromSeconds(options.ArrivalSeconds), cancellationToken);
        }
        var startedAt = orders[0].AppearedAt;

        var byReference = orders.ToDictionary(o => o.Reference);
        var byStoreOrder = orders.ToDictionary(o => (o.StoreHash, o.OrderId));
        long peakKb = 0;
        var lastLine = TimeSpan.Zero;
        var drained = false;
        IReadOnlyDictionary<(string, string), long> storageAtDrain;
        while (clock.Elapsed < options.Timeout)
        {
            peakKb = Math.Max(peakKb, WorkerPeakKb(stack.Host.WorkerProcessId));
            foreach (var carrierOrder in stack.Sandbox.ClickAndDrop.Orders(ClickAndDropAccount))
                if (carrierOrder.OrderReference is { } reference && byReference.TryGetValue(reference, out var order))
                    order.CarrierOrderAt ??= carrierOrder.CreatedOn;
            foreach (var store in stores)
                foreach (var shipment in stack.Sandbox.BigCommerce.GetShipments(store))
                    if (byStoreOrder.TryGetValue((store, shipment.OrderId), out var order))
                        order.WrittenBackAt ??= shipment.CreatedAt;
            var created = orders.Count(o => o.CarrierOrderAt is not null);
            var writtenBack = orders.Count(o => o.WrittenBackAt is not null);
            if (writtenBack == orders.Count)
            {
                drained = true;
                break;
            }
            if (clock.Elapsed - lastLine >= TimeSpan.FromSeconds(15))
            {
                lastLine = clock.Elapsed;
                say($"  {clock.Elapsed:mm\\:ss}  carrier orders {created}/{orders.Count}  written back {writtenBack}/{orders.Count}  " +
                    $"storage requests {proxy.Snapshot().Values.Sum()}  worker peak {peakKb / 1024} MB");
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        var elapsed = clock.Elapsed;
        // An order's work ends when its label is stored too, which may come after its write-back: the costs per order
        // are counted once every label is in (or the time limit passes), the throughput at the last write-back.
        TimeSpan? labelsDoneAt = null;
        while (drained && clock.Elapsed < options.Timeout)
        {
            // Labels come with the created orders (OBA accounts) or are downloaded later, one order per call.
            var labelled = stack.Sandbox.ClickAndDrop.RequestLog(ClickAndDropAccount)
                .Where(r => r.StatusCode == 200 && r.RawTarget.Contains("/label", StringComparison.Ordinal))
                .Select(r => r.RawTarget.Split('?')[0]).Distinct().Count()
                + stack.Sandbox.ClickAndDrop.Stats(ClickAndDropAccount).LabelsInCreateResponses - labelsInCreatesBefore;
            if (labelled >= orders.Count)
            {
                labelsDoneAt = clock.Elapsed;
                break;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        say(Timeline(orders, startedAt));
        if (labelsDoneAt is { } done)
            say($"Every label stored at {done.TotalSeconds:F0} s.");
        else if (drained)
            say("Not every label was stored within the time limit; the costs below are counted up to it.");
        storageAtDrain = proxy.Snapshot();
        foreach (var slow in proxy.SlowRequests.OrderByDescending(s => s.Took).Take(10))
            say($"  slow storage request: {slow.Took.TotalSeconds:F1} s at {slow.At:HH:mm:ss}: {slow.Method} {slow.Service} {slow.Target} -> {slow.Status}");
        peakKb = Math.Max(peakKb, WorkerPeakKb(stack.Host.WorkerProcessId));

        var bigCommerceRequests = stores.SelectMany(s => stack.Sandbox.BigCommerce.GetRequests(s)).ToList();
        var clickAndDropRequests = stack.Sandbox.ClickAndDrop.RequestLog(ClickAndDropAccount).Skip(requestsBefore).ToList();
        return new PipelineResult(options, floor, floorProxied, stackStart, workerStart, peakKb, startedAt, orders, storageAtDrain,
            bigCommerceRequests, clickAndDropRequests, stack.Sandbox.ClickAndDrop.Stats(ClickAndDropAccount), drained, elapsed, labelsDoneAt);
    }

    /// <summary>When the carrier orders and the write-backs began and ended, from the first order's appearance: where the time went.</summary>
    private static string Timeline(IReadOnlyList<OrderTimes> orders, DateTimeOffset startedAt)
    {
        static string Span(IEnumerable<DateTimeOffset?> times, DateTimeOffset start)
        {
            var seconds = times.OfType<DateTimeOffset>().Select(t => (t - start).TotalSeconds).Order().ToList();
            return seconds.Count == 0 ? "none" : $"{seconds[0]:F1} s to {seconds[^1]:F1} s (half by {seconds[seconds.Count / 2]:F1} s)";
        }
        return $"Timeline: carrier orders {Span(orders.Select(o => o.CarrierOrderAt), startedAt)}; write-backs {Span(orders.Select(o => o.WrittenBackAt), startedAt)}.";
    }

    /// <summary>
    /// Eligible orders only (status Awaiting Shipment, known SKU, mapped method, GB), round-robin over the stores, each
    /// appearing when it is seeded: all at once, or evenly over <paramref name="spread"/>.
    /// </summary>
    private static async Task<List<OrderTimes>> SeedAsync(DevStack stack, IReadOnlyList<string> stores, int count, TimeSpan spread, CancellationToken cancellationToken)
    {
        var bigCommerce = stack.Sandbox.BigCommerce;
        var orders = new List<OrderTimes>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (spread > TimeSpan.Zero && spread * i / count - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
                await Task.Delay(wait, cancellationToken);
            var store = stores[i % stores.Count];
            var now = bigCommerce.Time.GetUtcNow();
            var seeded = bigCommerce.AddOrder(store, new BigCommerceOrderSeed
            {
                StatusId = 9,
                CreatedAt = now,
                ModifiedAt = now,
                Products = [new BigCommerceProductSeed { Sku = Skus[i % Skus.Length], Quantity = 1 + (i % 2), Weight = 300 }],
            });
            var reference = new OrderKey(DevStack.BigCommerceConnectionId(store), seeded.Id.ToString()).CarrierReference;
            orders.Add(new OrderTimes(store, seeded.Id, reference, now));
        }
        return orders;
    }

    /// <summary>VmHWM (peak resident set) of the worker process, in kB; 0 if it is not running.</summary>
    private static long WorkerPeakKb(int pid)
    {
        if (pid == 0)
            return 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]);
        }
        catch (IOException)
        {
            // The worker exited between reading its id and its status.
        }
        return 0;
    }

    private static Action<string> ShowProblems(Action<string> say) => line =>
    {
        if (line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal)
            || line.Contains("Failed", StringComparison.Ordinal))
            say("  [host] " + line);
    };
}
