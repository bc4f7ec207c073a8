using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues;
using Demo;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Sandbox.BigCommerce;
using Sandbox.ClickAndDrop;
using Sandbox.Ecomdash;
using Sandbox.Ekart;
using Sandbox.Ekm;
using Spectre.Console;

namespace Chaos;

/// <summary>
/// Every fault of the run, drawn from the run's seeded Random when the run starts (so a seed repeats the same plan;
/// what the pipeline happens to be doing at each moment still varies): worker kills, one timed between a carrier's
/// accept and our state write and one while a create is held after it landed; partner 429s with Retry-After, 500s and
/// timeouts after the partner acted; a carrier outage and a channel outage; copies of queue messages delivered again
/// at once or late; orders edited and shipped by the merchant while a poll pages; Azurite restarted with its data.
/// </summary>
public sealed class Monkey(DevStack stack, ChaosWorld world, ChaosOptions options, Random random, Action<string> say)
{
    private static readonly string[] CopiedQueues =
    [
        StorageNames.Queues.OrderNormalise, StorageNames.Queues.DespatchWriteBack, StorageNames.Queues.ChannelPoll,
        StorageNames.Queues.OrderImport, StorageNames.Queues.TrackingApply,
    ];

    private readonly List<(TimeSpan At, string Name, Func<CancellationToken, Task> Act)> _plan = [];
    private readonly Dictionary<string, int> _counts = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _killGate = new(1, 1);
    private readonly List<string> _notes = [];
    private Stopwatch _clock = new();
    private int _kills;
    private int _faults;
    private int _functionTimeouts;

    public int Kills => Volatile.Read(ref _kills);
    /// <summary>Invocations the host gave up on after functionTimeout (it then kills and restarts the worker), as it reported them.</summary>
    public int FunctionTimeouts => Volatile.Read(ref _functionTimeouts);
    public int Faults => Volatile.Read(ref _faults);

    /// <summary>Draws the plan. Scripts on the channels (changes between list pages) are set now, before any poll.</summary>
    public void Prepare()
    {
        stack.Host.InvocationCompleted += result =>
        {
            if (result.Error?.Contains("Timeout value of", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref _functionTimeouts);
                say($"[timeout] the host timed out {result.FunctionName} and restarts the worker");
            }
        };
        if (options.Calm)
            return;
        var window = options.ChaosWindow;
        TimeSpan At(double from = 0.02, double to = 1.0) => window * (from + random.NextDouble() * (to - from));

        // Worker kills: one timed between the carrier's accept and our state write, one while a create that already
        // landed is held, the rest at random moments.
        var kills = options.Kills;
        // New orders arrive half way through, so that creates happen then too (a small run makes its first ones while it
        // is being set up); the kill between accept and write is armed just before them.
        var arriving = Math.Max(4, options.Orders / 25);
        Add(window * 0.5, "new orders arrive", _ =>
        {
            world.AddLateOrders(arriving);
            Count("orders arriving during the run", arriving);
            say($"[orders] {arriving} new orders arrive on the BigCommerce stores");
            return Task.CompletedTask;
        });
        if (kills >= 1) Add(window * 0.45, "kill after a create was answered, before our write", AcceptKillAsync);
        if (kills >= 2) Add(TimeSpan.Zero, "kill while a landed create is held (timeout after acting)", StallKillAsync);
        for (var i = 2; i < kills; i++)
            Add(At(), "worker kill", KillAsync);

        // Partner faults, about one every two seconds of the window.
        var faultCount = (int)(window.TotalSeconds / 2);
        Func<Random, CancellationToken, Task>[] faults =
        [
            (r, _) => BigCommerceFault(r, 429), (r, _) => BigCommerceFault(r, 500), (r, _) => BigCommerceFault(r, 0),
            (r, _) => ClickAndDropFault(r, 429), (r, _) => ClickAndDropFault(r, 500),
            (r, _) => ClickAndDropCreateThen(r, CreateThenFailMode.ServerError), (r, _) => ClickAndDropCreateThen(r, CreateThenFailMode.Stall),
            (r, _) => EcomdashFault(r, 429), (r, _) => EcomdashFault(r, 500), (r, _) => EcomdashFault(r, 0),
            (r, _) => EkmFault(r, 429), (r, _) => EkmFault(r, 500), (r, _) => EkmFault(r, 0),
            (r, _) => EkartFault(r, 429), (r, _) => EkartFault(r, 500), (r, _) => EkartFault(r, 0),
        ];
        for (var i = 0; i < faultCount; i++)
        {
            var fault = faults[random.Next(faults.Length)];
            Add(At(0, 1), "partner fault", fault);
        }

        // A function timeout: a store answers 429 asking for 25 s, eight times running, so the call that meets them
        // waits longer than the host's functionTimeout (60 s here); the host kills the worker, and what was in flight
        // comes back when its queue lease ends.
        var slowStore = world.StoreHashes[random.Next(world.StoreHashes.Count)];
        Add(At(0.1, 0.4), "function timeout", _ =>
        {
            stack.Sandbox.BigCommerce.SetFaults(slowStore, new BigCommerceFaults { Next429 = 8, RetryAfter429 = TimeSpan.FromSeconds(25) });
            Count("BigCommerce 429s asking 25 s, eight in a row");
            say($"[fault] store {slowStore}: the next 8 calls answer 429 with a 25 s wait");
            return Task.CompletedTask;
        });
        // And one that does not depend on how waits are shared: EKM carries out calls, then holds their answers for 90 s.
        // Our EKM client gives an attempt 45 s and a call 120 s (below production's 10-minute functionTimeout); under the
        // run's one-minute timeout the host gives up on an invocation whose read is held twice (unless a kill ends it first).
        Add(At(0.1, 0.4), "function timeout", FunctionTimeoutAsync);

        // Ekart's tracking webhooks in a storm from the start: forged, unsigned, duplicated, reordered, delayed, stale.
        stack.Sandbox.Ekart.SetWebhookStorm(ChaosWorld.EkartMerchant, new EkartWebhookStorm(random.Next(),
            WrongSecret: 0.05, Unsigned: 0.05, Duplicate: 0.15, Reorder: 0.1, Delay: 0.1, Stale: 0.1, MaxDelay: TimeSpan.FromSeconds(20)));

        // Outages, compressed from hours to OutageLength.
        Add(At(0.1, 0.5), "Click & Drop outage", _ => Outage("Click & Drop", until => stack.Sandbox.ClickAndDrop.SetOutage(Now(), until)));
        var outStore = world.StoreHashes[random.Next(world.StoreHashes.Count)];
        Add(At(0.2, 0.6), "BigCommerce outage", _ => Outage($"BigCommerce store {outStore}", until => stack.Sandbox.BigCommerce.SetOutage(outStore, Now(), until)));
        Add(At(0.2, 0.7), "Ecomdash outage", _ => Outage("Ecomdash", until =>
        {
            var ecd = stack.Sandbox.Ecomdash;
            ecd.SetFaults(ChaosWorld.EcomdashMerchant, ecd.Faults(ChaosWorld.EcomdashMerchant) with { OutageFrom = Now(), OutageUntil = until });
        }));

        // The merchant changes stock and price while everything else goes on; each change starts a listing sync to Ecomdash.
        var stockChanges = Math.Max(5, (int)(window.TotalSeconds / 6));
        for (var i = 0; i < stockChanges; i++)
            Add(At(0, 1), "catalogue stock and price change", async (r, c) =>
            {
                await world.ChangeStockAsync(r, c);
                Count("catalogue stock and price changes (listing syncs)");
            });

        // Copies of queue messages: some delivered again at once, some late.
        var copies = (int)(window.TotalSeconds / 1.5);
        for (var i = 0; i < copies; i++)
        {
            var late = random.NextDouble() < 0.4 ? TimeSpan.FromSeconds(5 + random.Next(55)) : TimeSpan.Zero;
            var queue = CopiedQueues[random.Next(CopiedQueues.Length)];
            var pick = random.Next();
            Add(At(0, 1), late > TimeSpan.Zero ? "late copy of a message" : "duplicate of a message", c => CopyMessageAsync(queue, late, pick, c));
        }

        // EKM orders changed by the merchant (a webhook hint each, delivered twice) at random moments.
        stack.Sandbox.Ekm.Options = stack.Sandbox.Ekm.Options with { Webhooks = stack.Sandbox.Ekm.Options.Webhooks with { Duplicates = 1 } };
        var ekmEligible = world.Orders.Where(o => o.Channel == ChaosWorld.Channel_Ekm && o.Kind == OrderKind.Eligible).ToList();
        for (var i = 0; i < Math.Min(5, ekmEligible.Count); i++)
        {
            var order = ekmEligible[random.Next(ekmEligible.Count)];
            Add(At(0, 0.5), "EKM order edited (webhook twice)", _ =>
            {
                stack.Sandbox.Ekm.UpdateOrder(order.Shop, order.Id, new EkmOrderChange { LastUpdated = Now(), FireWebhook = true });
                order.Edited = true;
                return Task.CompletedTask;
            });
        }

        if (options.RestartAzurite)
            Add(At(0.3, 0.8), "Azurite restart", RestartAzuriteAsync);

        // Merchants edit and ship orders while our polls page through their stores (between two list pages).
        foreach (var hash in world.StoreHashes)
        {
            var eligible = world.Orders.Where(o => o.Shop == hash && o.Kind == OrderKind.Eligible).OrderBy(_ => random.Next()).ToList();
            var first = 1 + random.Next(3);
            ScriptPageChanges(hash, first, eligible.Take(4).ToList(), eligible.Skip(4).Take(2).ToList());
            ScriptPageChanges(hash, first + 3 + random.Next(6), eligible.Skip(6).Take(3).ToList(), eligible.Skip(9).Take(1).ToList());
        }
    }

    private void ScriptPageChanges(string hash, int listRequest, IReadOnlyList<SeededOrder> edit, IReadOnlyList<SeededOrder> ship)
    {
        stack.Sandbox.BigCommerce.AfterListRequest(hash, listRequest, () =>
        {
            foreach (var order in edit)
            {
                stack.Sandbox.BigCommerce.EditOrder(hash, order.Id);
                order.Edited = true;
            }
            foreach (var order in ship)
            {
                stack.Sandbox.BigCommerce.ShipOrder(hash, order.Id);
                order.ShippedByMerchant = true;
            }
            Count($"orders edited mid-poll", edit.Count);
            Count($"orders shipped by the merchant mid-poll", ship.Count);
            say($"[fault] store {hash}: after list page {listRequest}, {edit.Count} orders edited and {ship.Count} shipped by the merchant");
        });
    }

    private void Add(TimeSpan at, string name, Func<CancellationToken, Task> act) => _plan.Add((at, name, act));

    /// <summary>An action with its own Random, drawn now from the run's: the plan depends on the seed only, not on timing.</summary>
    private void Add(TimeSpan at, string name, Func<Random, CancellationToken, Task> act)
    {
        var own = new Random(random.Next());
        _plan.Add((at, name, ct => act(own, ct)));
    }

    private static DateTimeOffset Now() => DateTimeOffset.UtcNow;

    /// <summary>Carries out the plan in time order; kills and slow steps run beside the others.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        _clock = Stopwatch.StartNew();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        var running = new List<Task>();
        foreach (var (at, name, act) in _plan.OrderBy(p => p.At))
        {
            var wait = at - _clock.Elapsed;
            try
            {
                if (wait > TimeSpan.Zero) await Task.Delay(wait, linked.Token);
            }
            catch (OperationCanceledException) { break; }
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await act(linked.Token);
                }
                catch (OperationCanceledException) when (linked.IsCancellationRequested) { }
                catch (Exception ex)
                {
                    say($"[fault] {name} could not be injected: {ex.GetType().Name}: {ex.Message}");
                }
            }, CancellationToken.None));
        }
        await Task.WhenAll(running);
    }

    public Task StopAsync()
    {
        _stop.Cancel();
        return Task.CompletedTask;
    }

    private void Count(string what, int n = 1)
    {
        lock (_counts) _counts[what] = _counts.GetValueOrDefault(what) + n;
        if (!what.StartsWith("worker kill", StringComparison.Ordinal))
            Interlocked.Add(ref _faults, n);
    }

    // ---- Worker kills ----

    private async Task KillAsync(CancellationToken ct)
    {
        await KillNowAsync("at a random moment", ct);
    }

    private async Task KillNowAsync(string why, CancellationToken ct)
    {
        await _killGate.WaitAsync(ct);
        try
        {
            var before = stack.Host.WorkerProcessId;
            var clock = Stopwatch.StartNew();
            await stack.Host.RestartWorkerAsync(ct);
            Interlocked.Increment(ref _kills);
            Count("worker kills");
            say($"[kill] worker {before} killed {why}; worker {stack.Host.WorkerProcessId} ready in {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            _killGate.Release();
        }
    }

    /// <summary>
    /// Kills the worker the moment Click &amp; Drop has answered a create with 200, before our worker can record the
    /// carrier orders: the orders exist at the carrier and ours still say ShipmentRequested.
    /// </summary>
    private async Task AcceptKillAsync(CancellationToken ct)
    {
        var cd = stack.Sandbox.ClickAndDrop;
        var accounts = ChaosWorld.CarrierAccounts;
        var logged = accounts.ToDictionary(a => a, a => cd.RequestLog(a).Count);
        // Creates admitted but not yet in the log are being answered: watch the log closely while there are any.
        var answered = accounts.ToDictionary(a => a, a => cd.Stats(a).CreateRequests);
        var ordersBefore = accounts.ToDictionary(a => a, a => cd.Orders(a).Count);
        var deadline = Stopwatch.StartNew();
        for (var spin = 0; deadline.Elapsed < TimeSpan.FromSeconds(120) && !ct.IsCancellationRequested; spin++)
        {
            foreach (var account in accounts)
            {
                // Reading the whole log every millisecond is costly: only when a create was admitted, or now and then.
                var outstanding = cd.Stats(account).CreateRequests != answered[account];
                if (!outstanding && spin % 50 != 0)
                    continue;
                var log = cd.RequestLog(account);
                for (var i = logged[account]; i < log.Count; i++)
                {
                    var entry = log[i];
                    if (entry.Method != "POST" || !entry.RawTarget.TrimEnd('/').EndsWith("/orders", StringComparison.Ordinal))
                        continue;
                    answered[account]++;
                    if (entry.StatusCode != 200)
                        continue;
                    var landed = cd.Orders(account).Skip(ordersBefore[account]).Select(o => o.OrderReference).ToHashSet();
                    await KillNowAsync($"{(DateTimeOffset.UtcNow - entry.At).TotalMilliseconds:0} ms after Click & Drop answered a create of {landed.Count} orders", ct);
                    await ReportAcceptKillAsync(landed, ct);
                    return;
                }
                logged[account] = log.Count;
                if (!outstanding) // a create being answered may have made its orders already: they count as its batch
                    ordersBefore[account] = cd.Orders(account).Count;
            }
            Thread.Sleep(1);
        }
        say("[kill] no create was answered within 120 s of arming the accept-then-kill; killing anyway");
        await KillNowAsync("after waiting for a create", ct);
    }

    /// <summary>Says whether the kill landed between the carrier's accept and our write (our orders still ShipmentRequested).</summary>
    private async Task ReportAcceptKillAsync(HashSet<string?> references, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        try
        {
            var ours = await Verifier.OurOrdersAsync(stack, world, ct);
            var batch = world.Orders.Where(o => references.Contains(o.CarrierReference)).ToList();
            var unwritten = batch.Count(o => ours.TryGetValue(o.ConnectionId + "/" + o.ChannelOrderId, out var v) && v.State == "ShipmentRequested");
            var note = $"accept-then-kill: {unwritten} of the {batch.Count} orders Click & Drop had just created were still ShipmentRequested in our table after the kill";
            lock (_notes) _notes.Add(note);
            say($"[kill] {note}");
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && attempt < 5)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct); // the new worker may still be starting
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            say($"[kill] could not read our orders after the accept-then-kill: {ex.Message}");
            return;
        }
    }

    /// <summary>Holds the next create's answer after its orders landed, and kills the worker while it waits for it.</summary>
    private async Task StallKillAsync(CancellationToken ct)
    {
        var cd = stack.Sandbox.ClickAndDrop;
        var account = ChaosWorld.CarrierAccounts[0];
        var before = cd.Orders(account).Count;
        cd.CreateThenFail(account, CreateThenFailMode.Stall, TimeSpan.FromSeconds(60));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120) && !ct.IsCancellationRequested)
        {
            var now = cd.Orders(account).Count;
            if (now > before)
            {
                await Task.Delay(200, ct);
                await KillNowAsync($"while Click & Drop held the answer to a create whose {now - before} orders had landed", ct);
                Count("Click & Drop create held after landing (kill)");
                return;
            }
            await Task.Delay(5, ct);
        }
        cd.ClearFaults(account);
        await KillNowAsync("after waiting for a held create", ct);
    }

    /// <summary>EKM carries out its next three calls and holds each answer for 90 s.</summary>
    private Task FunctionTimeoutAsync(CancellationToken ct)
    {
        var ekm = stack.Sandbox.Ekm;
        // Three in a row: our EKM client gives one attempt 45 s and retries a read, so two held attempts outlast the minute.
        ekm.SetFaults(ChaosWorld.EkmShop, ekm.GetFaults(ChaosWorld.EkmShop) with { ActThenFail = 3, AfterActing = EkmAfterActing.Stall, StallFor = TimeSpan.FromSeconds(90) });
        Count("EKM calls held 90 s after acting, three in a row (for a function timeout)");
        say("[fault] EKM: the next 3 calls are carried out, then their answers held for 90 s");
        return Task.CompletedTask;
    }

    // ---- Partner faults ----

    private Task BigCommerceFault(Random random, int status)
    {
        var hash = world.StoreHashes[random.Next(world.StoreHashes.Count)];
        var n = 1 + random.Next(4);
        var retryAfter = TimeSpan.FromSeconds(1 + random.Next(3));
        stack.Sandbox.BigCommerce.SetFaults(hash, status switch
        {
            429 => new BigCommerceFaults { Next429 = n, RetryAfter429 = retryAfter },
            500 => new BigCommerceFaults { Next500 = n },
            // A write-back's shipment is created and its answer lost: answered 500, or held past our attempt timeout.
            _ => new BigCommerceFaults { ShipmentCreatesFailAfterActing = n, StallAfterActing = random.Next(2) == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(40) },
        });
        Count(status == 0 ? "BigCommerce shipment creates failed after acting" : $"BigCommerce {status}s");
        return Task.CompletedTask;
    }

    private Task ClickAndDropFault(Random random, int status)
    {
        var account = ChaosWorld.CarrierAccounts[random.Next(ChaosWorld.CarrierAccounts.Length)];
        var n = 1 + random.Next(3);
        if (status == 429)
            stack.Sandbox.ClickAndDrop.RateLimitNext(account, n, 1 + random.Next(2));
        else
            stack.Sandbox.ClickAndDrop.FailNext(account, n);
        Count($"Click & Drop {status}s");
        return Task.CompletedTask;
    }

    private Task ClickAndDropCreateThen(Random random, CreateThenFailMode mode)
    {
        var account = ChaosWorld.CarrierAccounts[random.Next(ChaosWorld.CarrierAccounts.Length)];
        // A held answer outlasts our attempt timeout (8 s): the client gives up after the orders were created.
        stack.Sandbox.ClickAndDrop.CreateThenFail(account, mode, TimeSpan.FromSeconds(30));
        Count(mode == CreateThenFailMode.Stall ? "Click & Drop creates timed out after landing" : "Click & Drop creates answered 500 after landing");
        return Task.CompletedTask;
    }

    private Task EcomdashFault(Random random, int status)
    {
        var ecd = stack.Sandbox.Ecomdash;
        var current = ecd.Faults(ChaosWorld.EcomdashMerchant);
        var n = 1 + random.Next(2);
        var operations = new[] { EcomdashOperations.CreateShipment, EcomdashOperations.SubmitTrackingInfo };
        ecd.SetFaults(ChaosWorld.EcomdashMerchant, status switch
        {
            429 => current with { Next429 = n, RetryAfterSeconds = 1 + random.Next(4) },
            500 => current with { Next500 = n },
            _ => random.Next(2) == 0
                ? current with { TimeoutsAfterActing = 1, AfterActingOperation = operations[random.Next(2)], StallFor = TimeSpan.FromSeconds(15) }
                : current with { ServerErrorsAfterActing = 1, AfterActingOperation = operations[random.Next(2)] },
        });
        Count(status == 0 ? "Ecomdash write-backs failed after acting" : $"Ecomdash {status}s");
        return Task.CompletedTask;
    }

    private Task EkmFault(Random random, int status)
    {
        var ekm = stack.Sandbox.Ekm;
        var current = ekm.GetFaults(ChaosWorld.EkmShop);
        var n = 1 + random.Next(3);
        ekm.SetFaults(ChaosWorld.EkmShop, status switch
        {
            429 => current with { Next429 = n },
            500 => current with { Next500 = n },
            _ => current with
            {
                ActThenFail = 1,
                AfterActing = random.Next(2) == 0 ? EkmAfterActing.Stall : EkmAfterActing.ServerError,
                StallFor = TimeSpan.FromSeconds(15),
            },
        });
        Count(status == 0 ? "EKM calls failed after acting" : $"EKM {status}s");
        return Task.CompletedTask;
    }

    private Task EkartFault(Random random, int status)
    {
        var ekart = stack.Sandbox.Ekart;
        var n = 1 + random.Next(3);
        switch (status)
        {
            case 429:
                ekart.RateLimitNext(n, TimeSpan.FromSeconds(1 + random.Next(3)));
                break;
            case 500:
                ekart.FailNext(n);
                break;
            default:
                // The create lands, then its answer is lost: a 500, or held past our attempt timeout.
                ekart.ActThenFail(EkartOperation.Create, random.Next(2) == 0 ? EkartActThenFailMode.Stall : EkartActThenFailMode.ServerError, TimeSpan.FromSeconds(30));
                break;
        }
        Count(status == 0 ? "Ekart creates failed after landing" : $"Ekart {status}s");
        return Task.CompletedTask;
    }

    private Task Outage(string what, Action<DateTimeOffset> set)
    {
        var until = Now() + options.OutageLength;
        set(until);
        Count("outages");
        say($"[fault] {what} down for {options.OutageLength.TotalSeconds:0} s");
        return Task.CompletedTask;
    }

    // ---- Copies of queue messages ----

    /// <summary>
    /// Sends again a copy of a message seen on a queue (peeked), now or late; when the queue holds nothing visible, a
    /// copy of what the pipeline sends there for an order or connection it already has.
    /// </summary>
    private async Task CopyMessageAsync(string queueName, TimeSpan late, int pick, CancellationToken ct)
    {
        var queue = new QueueClient(stack.Azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        string? text = null;
        var source = "peeked";
        try
        {
            var peeked = (await queue.PeekMessagesAsync(32, ct)).Value;
            if (peeked.Length > 0)
                text = peeked[pick % peeked.Length].MessageText;
        }
        catch (Azure.RequestFailedException) { }
        if (text is null)
        {
            source = "made like the pipeline's";
            var imported = world.Orders.Where(o => o.ExpectedImported).ToList();
            var order = imported[pick % imported.Count];
            object? message = queueName switch
            {
                StorageNames.Queues.OrderNormalise => new NormaliseOrderMessage(order.ConnectionId, order.ChannelOrderId),
                StorageNames.Queues.DespatchWriteBack => new WriteBackMessage(order.ConnectionId, order.ChannelOrderId),
                StorageNames.Queues.ChannelPoll => new PollConnectionMessage(order.ConnectionId),
                StorageNames.Queues.OrderImport => new ImportOrderMessage(order.ConnectionId, order.ChannelOrderId),
                _ => null,
            };
            if (message is null)
                return; // tracking-apply copies need a shipment id: only peeked ones are sent again
            text = JsonSerializer.Serialize(message, message.GetType(), DevStack.Json);
        }
        await queue.SendMessageAsync(text, late > TimeSpan.Zero ? late : null, cancellationToken: ct);
        Count(late > TimeSpan.Zero ? $"late copies of messages ({source})" : $"duplicate messages ({source})");
    }

    // ---- Azurite ----

    private async Task RestartAzuriteAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await stack.Azurite.RestartAsync(ct);
        Count("Azurite restarts (data kept)");
        say($"[fault] Azurite stopped and started again on its ports with its data in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    public void PrintSummary()
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Faults injected");
        table.AddColumns("Fault", "Count");
        lock (_counts)
            foreach (var (what, n) in _counts.OrderBy(c => c.Key))
                table.AddRow(Markup.Escape(what), n.ToString());
        AnsiConsole.Write(table);
        lock (_notes)
            foreach (var note in _notes)
                AnsiConsole.MarkupLineInterpolated($"{note}");
    }
}
