using System.Runtime.InteropServices;
using LocalHost;

// dotnet run --project tools/LocalHost -- --script-root <dir> [--settings <local.settings.json>] [--port 7071]
string? scriptRoot = null, settings = null;
var port = 7071;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--script-root": scriptRoot = Next(); break;
        case "--settings": settings = Next(); break;
        case "--port": port = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "-h" or "--help":
            Console.WriteLine("Usage: LocalHost --script-root <dir> [--settings <local.settings.json>] [--port 7071]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --help.");
            return 2;
    }
}
if (scriptRoot is null)
{
    Console.Error.WriteLine("--script-root is required. Use --help.");
    return 2;
}
// A local.settings.json beside host.json is picked up like Core Tools does.
settings ??= File.Exists(Path.Combine(scriptRoot, "local.settings.json")) ? Path.Combine(scriptRoot, "local.settings.json") : null;

using var stop = new CancellationTokenSource();
// Ctrl+C, SIGTERM and SIGQUIT stop cleanly: release queue messages in flight, kill the handler's process tree.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
var log = (string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.fff}] {line}");
try
{
    await using var host = await FunctionsLocalHost.StartAsync(
        new LocalHostOptions { ScriptRoot = scriptRoot, SettingsFile = settings, HttpPort = port, Log = log }, stop.Token);
    log("Press Ctrl+C to stop.");
    await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, CancellationToken.None);
    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 0;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"LocalHost failed to start: {ex.Message}");
    return 1;
}
