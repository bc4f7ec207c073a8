using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Demo;

/// <summary>
/// A private Azurite (blob, queue, table) on three free loopback ports, in memory (or, when asked, on disk in a private
/// folder so that <see cref="RestartAsync"/> keeps the data), killed with its process tree on dispose. Installs Azurite
/// from tools/azurite on first use, so <c>dotnet test</c> works on a fresh clone.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    /// <summary>The well-known development account key every Azurite accepts.</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;
    private static readonly Lazy<Task<AzuriteInstance>> SharedInstance = new(StartSharedAsync);

    private Process _process;
    private StringBuilder _output;
    private readonly string _location;
    private readonly bool _persistent;
    private readonly SemaphoreSlim _restartGate = new(1, 1);
    private bool _shared;
    private int _disposed;

    private AzuriteInstance(Process process, StringBuilder output, string location, bool persistent, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _output = output;
        _location = location;
        _persistent = persistent;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{AccountName}");
    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{AccountName}");
    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");

    /// <summary>An explicit connection string (not UseDevelopmentStorage=true: our ports are not the defaults).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>
    /// One instance per test process, started on first use and stopped at process exit. For tests that isolate
    /// themselves by unique keys, table or queue names instead of paying for their own Azurite.
    /// </summary>
    public static Task<AzuriteInstance> Shared => SharedInstance.Value;

    /// <summary>The directory that holds Serverless.sln, found by walking up from the test binaries (or the working directory).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Starts a private instance; retries on another set of ports if one was taken meanwhile.</summary>
    public static Task<AzuriteInstance> StartAsync(CancellationToken ct = default) => StartAsync(persistent: false, ct);

    /// <summary>
    /// Starts a private instance, in memory or (<paramref name="persistent"/>) on disk in a private folder, which
    /// <see cref="RestartAsync"/> needs to keep the data; retries on another set of ports if one was taken meanwhile.
    /// </summary>
    public static async Task<AzuriteInstance> StartAsync(bool persistent, CancellationToken ct = default)
    {
        await EnsureInstalledAsync(ct);
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return await StartOnceAsync(persistent, ct);
            }
            catch (AzuriteStartException ex) when (ex.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                // Usually a free port grabbed by another process between our probe and Azurite's bind.
                last = ex;
            }
        }
        throw last!;
    }

    private static async Task<AzuriteInstance> StartSharedAsync()
    {
        var instance = await StartAsync();
        instance._shared = true;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Kill();
        return instance;
    }

    private static async Task<AzuriteInstance> StartOnceAsync(bool persistent, CancellationToken ct)
    {
        var ports = FreePorts(3);
        // In memory, nothing should be written; on disk, the data lives here. Either way a private folder keeps any
        // stray file out of the repo.
        var location = Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var (process, output) = Launch(location, persistent, ports);
        var instance = new AzuriteInstance(process, output, location, persistent, ports[0], ports[1], ports[2]);
        try
        {
            await WaitListeningAsync(process, output, ports, ct);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    private static (Process Process, StringBuilder Output) Launch(string location, bool persistent, int[] ports)
    {
        var script = Path.Combine(RepoRoot, "tools", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = location,
        };
        foreach (var arg in new[]
                 {
                     script,
                     "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(),
                     "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--loose",
                 })
            psi.ArgumentList.Add(arg);
        if (persistent)
        {
            psi.ArgumentList.Add("--location");
            psi.ArgumentList.Add(location);
        }
        else
            psi.ArgumentList.Add("--inMemoryPersistence");

        var output = new StringBuilder();
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        if (!process.Start())
            throw new InvalidOperationException("Could not start node for Azurite. Is Node.js installed and on PATH?");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    private static async Task WaitListeningAsync(Process process, StringBuilder output, int[] ports, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var port in ports)
        {
            while (!await AcceptsAsync(port, ct))
            {
                if (process.HasExited)
                    throw new AzuriteStartException($"Azurite exited with code {process.ExitCode}: {Snapshot(output)}");
                if (DateTime.UtcNow > deadline)
                    throw new AzuriteStartException($"Azurite did not listen on port {port} within 60 s: {Snapshot(output)}");
                await Task.Delay(50, ct);
            }
        }
        // A port can accept before Azurite is bound to it if another process holds it: check ours is alive.
        if (process.HasExited)
            throw new AzuriteStartException($"Azurite exited with code {process.ExitCode}: {Snapshot(output)}");
    }

    /// <summary>
    /// Stops Azurite as an operator would (SIGTERM: it saves its data and exits; killed after 15 s if it has not) and
    /// starts it again on the same ports over the same data, as after a crash or an upgrade of the emulator. Clients
    /// see refused connections meanwhile. Only for an instance started with <c>persistent: true</c>.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        if (!_persistent)
            throw new InvalidOperationException("This Azurite keeps its data in memory: a restart would lose it. Start it with persistent: true.");
        await _restartGate.WaitAsync(ct);
        try
        {
            if (!_process.HasExited)
            {
                _ = SendSignal(_process.Id, SigTerm);
                using var graceful = CancellationTokenSource.CreateLinkedTokenSource(ct);
                graceful.CancelAfter(TimeSpan.FromSeconds(15));
                try
                {
                    await _process.WaitForExitAsync(graceful.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(ct);
                }
            }
            _process.Dispose();
            var ports = new[] { BlobPort, QueuePort, TablePort };
            // The ports were ours a moment ago; give the kernel a moment if one is still held, then try again.
            for (var attempt = 0; ; attempt++)
            {
                (_process, _output) = Launch(_location, _persistent, ports);
                try
                {
                    await WaitListeningAsync(_process, _output, ports, ct);
                    return;
                }
                catch (AzuriteStartException) when (attempt < 5)
                {
                    if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                    _process.Dispose();
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
            }
        }
        finally
        {
            _restartGate.Release();
        }
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int[] FreePorts(int count)
    {
        // Hold all listeners until every port is chosen so the three are distinct.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var l in listeners) l.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }

    /// <summary>Runs tools/azurite/ensure.sh once if Azurite is missing, serialised within and across test processes.</summary>
    private static async Task EnsureInstalledAsync(CancellationToken ct)
    {
        if (_installed) return;
        await InstallGate.WaitAsync(ct);
        try
        {
            if (_installed) return;
            var azuriteDir = Path.Combine(RepoRoot, "tools", "azurite");
            var script = Path.Combine(azuriteDir, "node_modules", "azurite", "dist", "src", "azurite.js");
            if (!File.Exists(script))
            {
                // Test assemblies run in parallel processes: a file lock keeps two npm installs apart.
                using var fileLock = await LockFileAsync(Path.Combine(azuriteDir, ".ensure.lock"), ct);
                if (!File.Exists(script))
                    await RunEnsureScriptAsync(azuriteDir, ct);
            }
            if (!File.Exists(script))
                throw new InvalidOperationException($"Azurite is still missing after tools/azurite/ensure.sh: {script}");
            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task<FileStream> LockFileAsync(string path, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    private static async Task RunEnsureScriptAsync(string azuriteDir, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        psi.ArgumentList.Add(Path.Combine(azuriteDir, "ensure.sh"));
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start bash for tools/azurite/ensure.sh.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"tools/azurite/ensure.sh failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }

    private static string FindRepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        // The binaries may live outside the repo (--artifacts-path), so the compile-time source path is the last resort.
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(sourceFile) ?? "/" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                    return dir.FullName;
        }
        throw new InvalidOperationException(
            $"Could not find Serverless.sln above {AppContext.BaseDirectory}, {Directory.GetCurrentDirectory()} or {sourceFile}.");
    }

    private void Kill()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try { Directory.Delete(_location, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Stops this instance; a no-op for <see cref="Shared"/>, which lives until the test process exits.</summary>
    public ValueTask DisposeAsync()
    {
        if (!_shared) Kill();
        return ValueTask.CompletedTask;
    }

    private sealed class AzuriteStartException(string message) : Exception(message);
}
