using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LocalHost.Configuration;

namespace LocalHost.Handler;

/// <summary>
/// The custom handler's process: started with a free loopback port in FUNCTIONS_CUSTOMHANDLER_PORT, ready once GET /
/// answers anything at all (only socket errors mean "not ready"), killed with its whole process tree.
/// </summary>
internal sealed class HandlerProcess : IAsyncDisposable
{
    private const int RememberedLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _recentOutput = new();
    private readonly Action<string> _log;

    private HandlerProcess(Process process, int port, Action<string> log)
    {
        _process = process;
        Port = port;
        _log = log;
    }

    public int Port { get; }
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");
    public int ProcessId => _process.Id;

    public static async Task<HandlerProcess> StartAsync(
        string scriptRoot, HostConfig host, AppSettings settings, TimeSpan startupTimeout, Action<string> log, CancellationToken ct)
    {
        var port = FreePort();
        var workingDirectory = Path.GetFullPath(Path.Combine(scriptRoot, host.WorkingDirectory));
        var psi = new ProcessStartInfo
        {
            FileName = ResolveExecutable(host.ExecutablePath, workingDirectory),
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in host.Arguments)
            psi.ArgumentList.Add(settings.Resolve(arg, "host.json customHandler.description.arguments"));
        foreach (var (k, v) in settings.Values)
            psi.Environment[k] = v;
        psi.Environment["FUNCTIONS_WORKER_RUNTIME"] = "Custom";
        psi.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["FUNCTIONS_HTTPWORKER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString();
        psi.Environment["FUNCTIONS_APP_ROOT_PATH"] = Path.GetFullPath(scriptRoot);
        // An ASP.NET Core handler would otherwise also bind its default URLs from ASPNETCORE_URLS/launch settings.
        psi.Environment.Remove("ASPNETCORE_URLS");

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var handler = new HandlerProcess(process, port, log);
        process.OutputDataReceived += (_, e) => handler.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => handler.OnOutput(e.Data);
        if (!process.Start())
            throw new InvalidOperationException($"Could not start the handler '{psi.FileName}'.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log($"Handler started: {psi.FileName} {string.Join(' ', psi.ArgumentList)} (pid {process.Id}, port {port})");

        try
        {
            await handler.WaitUntilReadyAsync(startupTimeout, ct);
        }
        catch
        {
            await handler.DisposeAsync();
            throw;
        }
        return handler;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                // The parameterless wait also drains the asynchronous output readers, so the message has the last lines.
                _process.WaitForExit();
                throw new InvalidOperationException(
                    $"The handler exited with code {_process.ExitCode} before it was ready. Its output:\n{RecentOutput()}");
            }
            try
            {
                using var response = await client.GetAsync(BaseUri, ct);
                return; // any HTTP answer, even 404, means the server is up
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            if (deadline.Elapsed > timeout)
                throw new TimeoutException(
                    $"The handler did not answer GET / on port {Port} within {timeout.TotalSeconds:0} s. Its output:\n{RecentOutput()}");
            await Task.Delay(100, ct);
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
            return;
        lock (_recentOutput)
        {
            _recentOutput.Enqueue(line);
            while (_recentOutput.Count > RememberedLines)
                _recentOutput.Dequeue();
        }
        _log($"[handler] {line}");
    }

    private string RecentOutput()
    {
        lock (_recentOutput)
            return string.Join('\n', _recentOutput);
    }

    private static string ResolveExecutable(string path, string workingDirectory)
    {
        if (Path.IsPathRooted(path))
            return path;
        var local = Path.Combine(workingDirectory, path);
        if (File.Exists(local))
            return local;
        // "dotnet" is the usual value; under `dotnet test` PATH may not hold it, but the CLI tells us where it is.
        if (path is "dotnet" or "dotnet.exe" && Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } host && File.Exists(host))
            return host;
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (InvalidOperationException) { } // never started or already gone
        catch (OperationCanceledException)
        {
            _log($"Handler pid {_process.Id} did not exit within 10 s of being killed.");
        }
        _process.Dispose();
    }
}
