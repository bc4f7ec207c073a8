using Demo;
using Sandbox.BigCommerce;
using Spectre.Console;

// One command for the whole pipeline on this machine: Azurite, the partner simulators with demo merchants, the function app under the local Functions host. Orders flow end to end; a live line shows progress and a
// table sums up once every order has reached a final state. --keep-running leaves everything up afterwards.
var keepRunning = args.Contains("--keep-running");
var verbose = args.Contains("--verbose");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

var settings = new Dictionary<string, string?>
{
    // Faster than production so the demo finishes in about a minute.
    ["PollSchedule"] = "*/20 * * * * *",
    ["CreateShipmentsSchedule"] = "*/5 * * * * *",
    ["Pipeline__CreateBatchMaxWaitSeconds"] = "5",
    ["Pipeline__CarrierFullSyncSeconds"] = "0",
    ["CarrierSyncSchedule"] = "*/4 * * * * *",
};

AnsiConsole.MarkupLine("[bold]Fulfilment pipeline — local run[/]");
await using var stack = await DevStack.StartAsync(new DevStackOptions
{
    SandboxPort = 5100,
    HostPort = 7071,
    SeedDemo = true,
    BigCommerceWebhooks = true,
    Settings = settings,
    Log = verbose ? line => AnsiConsole.WriteLine(line) : ShowProblemsOnly,
}, cancel.Token);

AnsiConsole.MarkupLineInterpolated($"Function app: [link]{stack.Host.BaseUrl}/api/health[/]   Simulators: {stack.Sandbox.BaseUrl}");
await stack.ConfigureDemoAsync(cancel.Token);
AnsiConsole.MarkupLine("Catalogue, shipping mappings and the Click & Drop account configured through the admin API.");
EkartDemo.SeedOrders(stack);
// Approved only once the Ekart routing rule for its trading name exists, so no poll can see its Indian orders before.
await stack.InstallBigCommerceAppAsync(DevStack.DemoStoreHash, cancel.Token, approve: false);
await EkartDemo.ConfigureAsync(stack, cancel.Token);
await stack.ApproveAsync(DevStack.BigCommerceConnectionId(DevStack.DemoStoreHash), cancel.Token);
AnsiConsole.MarkupLineInterpolated($"BigCommerce store [bold]{DevStack.DemoStoreHash}[/] installed our app (OAuth callback → connection stored), and an operator approved it.");
AnsiConsole.MarkupLine("Ekart account configured, with a routing rule sending the store's Indian orders to Ekart and Ekart's tracking webhooks pointed at us.");
await EkmDemoShop.ConnectAsync(stack, cancel.Token);
AnsiConsole.MarkupLineInterpolated($"EKM shop [bold]{EkmDemoShop.Username}[/] connected through EKM's consent (OAuth callback → connection stored), and an operator approved it.");
await EcomdashDemo.ConnectAsync(stack, cancel.Token);
AnsiConsole.MarkupLine("Ecomdash merchant [bold]ecd-demo[/] connected by an operator with its ECD subscription key, and approved.");
await stack.Host.TriggerTimerAsync("PollChannels", cancel.Token);
BigCommerceDemoStore.PlaceLiveOrders(stack.Sandbox.BigCommerce);
AnsiConsole.MarkupLine("Two BigCommerce orders placed now reach us by webhook (created; and moved to Awaiting Shipment), signed and checked, with the poll as the backstop.");

var outcome = await DemoProgress.WatchAsync(stack, TimeSpan.FromMinutes(4), cancel.Token);
DemoProgress.PrintSummary(outcome.Orders);
if (!outcome.Finished)
    AnsiConsole.MarkupLine("[red]Not every order reached a final state in time.[/]");
else
    AnsiConsole.MarkupLineInterpolated($"Ecomdash listings: {await EcomdashDemo.LinkAndSyncListingsAsync(stack, cancel.Token)}");

if (keepRunning && !cancel.IsCancellationRequested)
{
    AnsiConsole.MarkupLine("Still running (--keep-running); Ctrl+C stops.");
    try { await Task.Delay(Timeout.Infinite, cancel.Token); } catch (OperationCanceledException) { }
}
return outcome.Finished ? 0 : 1;

// Without --verbose only failures and warnings from the host and the handler are shown, so the progress stays readable.
static void ShowProblemsOnly(string line)
{
    if (line.Contains("Failed", StringComparison.Ordinal) || line.Contains("fail:", StringComparison.Ordinal)
        || line.Contains("warn:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal))
        AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]");
}
