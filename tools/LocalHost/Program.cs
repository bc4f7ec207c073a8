using System.Runtime.InteropServices;
using LocalHost;

// dotnet run --project tools/LocalHost -- --app <dir> [--settings <local.settings.json>] [--port 7071]
string? appDirectory = null, settings = null;
var port = 7071;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--app" or "--script-root": appDirectory = Next(); break;
        case "--settings": settings = Next(); break;
        case "--port": port = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "-h" or "--help":
            Console.WriteLine("Usage: LocalHost --app <isolated worker build/publish output> [--settings <local.settings.json>] [--port 7071]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --help.");
            return 2;
    }
}
if (appDirectory is null)
{
    Console.Error.WriteLine("--app is required. Use --help.");
    return 2;
}

using var stop = new CancellationTokenSource();
// Ctrl+C, SIGTERM and SIGQUIT stop cleanly: release queue messages in flight, kill the worker's process tree.
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
    // A local.settings.json in the app directory is used when --settings is not given, as Core Tools does.
    await using var host = await FunctionsLocalHost.StartAsync(
        new LocalHostOptions { AppDirectory = appDirectory, SettingsFile = settings, HttpPort = port, Log = log }, stop.Token);
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
