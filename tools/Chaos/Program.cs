using System.Diagnostics;
using Azure;
using Azure.Storage.Queues;
using Chaos;
using Demo;
using Fulfilment.Storage;
using Spectre.Console;

// The chaos run: the whole local stack, N orders across BigCommerce stores, an Ecomdash merchant and an EKM shop,
// worker kills and partner faults from one seeded Random, then a verification from the simulators' own records.
ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (ArgumentException ex)
{
    if (ex.Message.Length > 0) Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(ChaosOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;
if (Console.IsOutputRedirected)
    AnsiConsole.Profile.Width = 160; // CI logs: one line per progress report
var random = new Random(options.Seed);
var total = Stopwatch.StartNew();
void Say(string text) => AnsiConsole.MarkupLineInterpolated($"[grey]{total.Elapsed.TotalSeconds,6:0.0}s[/] {text}");

AnsiConsole.MarkupLineInterpolated($"[bold]Chaos run[/]: seed [bold]{options.Seed}[/] (repeat with --seed {options.Seed}), {options.Orders} orders, {options.Kills} worker kills, faults for {options.ChaosWindow.TotalSeconds:0} s, outages of {options.OutageLength.TotalSeconds:0} s");

// The pipeline's logic as deployed; only its timers and waits are compressed so the run takes minutes, not hours.
var settings = new Dictionary<string, string?>
{
    ["PollSchedule"] = "*/10 * * * * *",
    ["CreateShipmentsSchedule"] = "*/5 * * * * *",
    ["CarrierSyncSchedule"] = "*/5 * * * * *",
    ["WriteBackRetrySchedule"] = "*/10 * * * * *",
    ["PoisonSweepSchedule"] = "*/15 * * * * *",
    ["Pipeline__PollLeaseSeconds"] = "30",
    ["Pipeline__PollTimeBudgetSeconds"] = "30",
    ["Pipeline__DrainLeaseSeconds"] = "30",
    ["Pipeline__DrainTimeBudgetSeconds"] = "30",
    ["Pipeline__CreateBatchMaxWaitSeconds"] = "10",
    ["Pipeline__CarrierFullSyncSeconds"] = "20",
    // A function timeout is one of the faults: a minute, well above every step's own budget.
    ["AzureFunctionsJobHost__functionTimeout"] = "00:01:00",
    ["Pipeline__CarrierSettleSeconds"] = "30",
    ["Pipeline__WriteBackFirstDelaySeconds"] = "5",
    ["Pipeline__WriteBackMaxDelaySeconds"] = "20",
    // Small pages, so that every store's poll pages while orders change under it.
    ["BigCommerce__PageSize"] = "10",
    ["BigCommerce__AttemptTimeout"] = "00:00:08",
    ["BigCommerce__CallTimeout"] = "00:00:20",
    ["ClickAndDrop__AttemptTimeout"] = "00:00:08",
    ["ClickAndDrop__TotalTimeout"] = "00:00:20",
    ["Ecomdash__AttemptTimeout"] = "00:00:08",
    ["Ecomdash__TotalTimeout"] = "00:00:40",
    // Shipments nothing was heard of (their webhooks lost to a kill or a restart) are asked about after a minute, not six hours.
    ["TrackingPollSchedule"] = "*/15 * * * * *",
    // Listing syncs: on every catalogue change, and the backstop every 20 s; a run put off by a limit resumes after 5 s.
    ["ListingSyncSchedule"] = "*/20 * * * * *",
    ["Listings__RetryDelaySeconds"] = "5",
    ["Listings__LeaseSeconds"] = "30",
    ["Tracking__SilentAfterMinutes"] = "1",
    ["Ekart__AttemptTimeout"] = "00:00:08",
    ["Ekart__TotalTimeout"] = "00:00:20",
};

await using var stack = await DevStack.StartAsync(new DevStackOptions
{
    Settings = settings,
    EnableTimerSchedules = true,
    // Orders arrive by BigCommerce's order webhooks too (hints racing the polls, kills and faults), as in production.
    BigCommerceWebhooks = true,
    PersistentAzurite = options.RestartAzurite,
    Log = options.Verbose ? line => AnsiConsole.WriteLine(line) : _ => { },
}, ct);
Say($"Stack up: Azurite, simulators at {stack.Sandbox.BaseUrl}, function app at {stack.Host.BaseUrl}");

var world = new ChaosWorld(stack, random, options.Orders);
await world.SetUpAsync(options.Orders, ct);
var kinds = world.Orders.GroupBy(o => o.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
var channels = world.Orders.GroupBy(o => o.Channel).Select(g => $"{g.Count()} {g.Key}");
Say($"Seeded {world.Orders.Count} orders ({string.Join(", ", channels)}; {string.Join(", ", kinds)}) on {world.StoreHashes.Count} BigCommerce stores, 1 Ecomdash merchant, 1 EKM shop; {ChaosWorld.CarrierAccounts.Length} Click & Drop accounts");

var queues = StorageNames.Queues.All.SelectMany(q => new[] { q, StorageNames.Queues.Poison(q) })
    .Select(q => new QueueClient(stack.Azurite.ConnectionString, q, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }))
    .ToList();

var monkey = new Monkey(stack, world, options, random, Say);
monkey.Prepare();
var run = Stopwatch.StartNew();
var chaos = monkey.RunAsync(ct);
_ = stack.Host.TriggerTimerAsync("PollChannels", ct);

Figures figures = new();
var drained = false;
var lastLine = "";
var deadline = options.ChaosWindow + options.Timeout;
while (!ct.IsCancellationRequested && run.Elapsed < deadline)
{
    await Task.Delay(TimeSpan.FromSeconds(3), ct);
    try
    {
        figures = await Verifier.VerifyAsync(stack, world, ct);
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
    {
        continue; // the worker is being restarted, or Azurite is
    }
    var waiting = await QueuedAsync(queues, ct);
    var line = $"ours {figures.OurStates.Values.Sum()}: " +
               string.Join(" ", new[] { "Imported", "Normalised", "ShipmentRequested", "ShipmentCreated", "Despatched", "WrittenBack", "Skipped", "NeedsAttention" }
                   .Select(s => $"{Short(s)} {figures.OurStates.GetValueOrDefault(s)}")) +
               $" │ carrier orders {figures.CarrierOrders}, written back {figures.WrittenBack}, listings out of sync {figures.ListingsOutOfSync} │ queued {waiting} │ kills {monkey.Kills}, faults {monkey.Faults}";
    if (line != lastLine)
    {
        Say(line);
        lastLine = line;
    }
    if (chaos.IsCompleted && waiting == 0 && figures is { Missing: 0, NotWrittenBack: 0, Stuck: 0, ListingsOutOfSync: 0 })
    {
        drained = true;
        break;
    }
}
var drainTime = run.Elapsed;
await monkey.StopAsync();
await chaos.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ContinueWith(_ => { }, CancellationToken.None);

// Late copies and retries still in flight could add a second carrier order after the drain: look once more.
if (drained)
{
    await Task.Delay(TimeSpan.FromSeconds(10), ct);
    figures = await Verifier.VerifyAsync(stack, world, ct);
}

var table = new Table().Border(TableBorder.Rounded).Title("Chaos run: verified from the simulators' records (each must be 0)");
table.AddColumns("Channel → carrier", "eligible", "carrier orders", "missing", "duplicated", "not written back", "stuck", "wrongly sent", "written back twice");
string Cell(int value) => value == 0 ? "0" : $"[red]{value}[/]";
foreach (var (partner, f) in figures.ByPartner.Append(new KeyValuePair<string, PartnerFigures>("[bold]all[/]", figures.Total)))
    table.AddRow(partner.StartsWith('[') ? partner : Markup.Escape(partner), f.Eligible.ToString(), f.CarrierOrders.ToString(),
        Cell(f.Missing), Cell(f.Duplicated), Cell(f.NotWrittenBack), Cell(f.Stuck), Cell(f.Wrongly), Cell(f.WrittenTwice));
AnsiConsole.Write(table);
var facts = new Table().Border(TableBorder.Rounded);
facts.AddColumns("Also", "Count");
facts.AddRow("carrier orders of no seeded order (must be 0)", Cell(figures.Foreign));
facts.AddRow("forged Ekart tracking webhooks accepted (must be 0)", $"{Cell(figures.ForgedAccepted)} of {figures.ForgedSent} forged, {figures.WebhookDeliveries} deliveries");
facts.AddRow("orders shipped by the merchant mid-poll (either outcome right)", $"{figures.ShippedByMerchant}, {figures.ShippedByMerchantWithCarrierOrder} of them reached a carrier");
facts.AddRow("our orders by state", Markup.Escape(string.Join(", ", figures.OurStates.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))));
facts.AddRow("Ecomdash listings whose stock or price differs from our catalogue (must be 0)", $"{Cell(figures.ListingsOutOfSync)} of {figures.ListingsChecked}");
facts.AddRow("worker kills", monkey.Kills.ToString());
facts.AddRow("function timeouts (worker killed by the host)", monkey.FunctionTimeouts.ToString());
facts.AddRow("faults injected", monkey.Faults.ToString());
facts.AddRow("time to drain", drained ? $"{drainTime.TotalSeconds:0} s" : $"[red]not drained after {drainTime.TotalSeconds:0} s[/]");
AnsiConsole.Write(facts);
monkey.PrintSummary();
foreach (var example in figures.Examples)
    AnsiConsole.MarkupLineInterpolated($"[yellow]{example}[/]");

var ok = drained && figures.AllZero;
var extra = figures.Total is { Wrongly: 0, WrittenTwice: 0 } && figures is { Foreign: 0, ForgedAccepted: 0 }
    ? ""
    : $", {figures.Total.Wrongly} wrongly sent, {figures.Total.WrittenTwice} written back twice, {figures.Foreign} foreign, {figures.ForgedAccepted} forged accepted";
extra += $", {figures.ListingsOutOfSync} listings out of sync";
Console.WriteLine(
    $"chaos: {figures.Missing} missing, {figures.Duplicated} duplicated, {figures.NotWrittenBack} not written back, {figures.Stuck} stuck{extra}; " +
    (drained ? $"drained in {drainTime.TotalSeconds:0} s" : $"NOT drained after {drainTime.TotalSeconds:0} s") +
    $" (seed {options.Seed}, {options.Orders} orders, {monkey.Kills} kills; whole run {total.Elapsed.TotalSeconds:0} s)");
return ok ? 0 : 1;

static string Short(string state) => state switch
{
    "Imported" => "imp",
    "Normalised" => "norm",
    "ShipmentRequested" => "req",
    "ShipmentCreated" => "created",
    "Despatched" => "desp",
    "WrittenBack" => "done",
    "Skipped" => "skip",
    "NeedsAttention" => "attn",
    _ => state,
};

static async Task<int> QueuedAsync(IReadOnlyList<QueueClient> queues, CancellationToken ct)
{
    var count = 0;
    foreach (var queue in queues)
    {
        try
        {
            count += (await queue.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }
    return count;
}
