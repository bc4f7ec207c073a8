using System.Diagnostics;
using System.Globalization;
using LocalHost.Configuration;

namespace LocalHost.Worker;

/// <summary>
/// The worker's OS process, started as the real host starts it: `dotnet App.dll` from worker.config.json with the
/// host's --functions-* arguments, working directory = app directory, app settings as environment variables.
/// Output is logged with a [worker] prefix; disposing kills the whole process tree.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>What the real host passes as --functions-grpc-max-message-length (int.MaxValue).</summary>
    private const int MaxMessageLength = int.MaxValue;
    private const int RememberedLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _recentOutput = new();
    private readonly Action<string> _log;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, Action<string> log)
    {
        _process = process;
        _log = log;
    }

    public int Id { get; private set; }

    /// <summary>Completes when the process has exited (for whatever reason) and its output is drained.</summary>
    public Task Exited => _exited.Task;

    /// <summary>Set once the process has exited (kept after disposal, for error messages).</summary>
    public int? ExitCode { get; private set; }

    public static WorkerProcess Start(
        WorkerConfig config, string appDirectory, Uri grpcUri, string workerId, AppSettings settings, Action<string> log)
    {
        var psi = new ProcessStartInfo
        {
            FileName = ResolveExecutable(config.ExecutablePath, appDirectory),
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in config.Arguments)
            psi.ArgumentList.Add(arg);
        if (config.WorkerPath is { Length: > 0 } workerPath)
            psi.ArgumentList.Add(Path.Combine(appDirectory, workerPath));
        foreach (var arg in config.WorkerArguments)
            psi.ArgumentList.Add(arg);
        AddHostArguments(psi.ArgumentList, grpcUri, workerId);

        foreach (var (name, value) in WorkerEnvironment.Build(settings, appDirectory))
        {
            if (value is null)
                psi.Environment.Remove(name);
            else
                psi.Environment[name] = value;
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, log);
        process.OutputDataReceived += (_, e) => worker.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => worker.OnOutput(e.Data);
        process.Exited += (_, _) => worker.OnExited();
        if (!process.Start())
            throw new InvalidOperationException($"Could not start the worker '{psi.FileName}'.");
        worker.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log($"Worker process started: {psi.FileName} {string.Join(' ', psi.ArgumentList.Take(1 + config.Arguments.Count))} (pid {process.Id}, worker id {workerId})");
        return worker;
    }

    /// <summary>
    /// The real host passes its endpoint twice: the old generic names and the --functions-* ones (which worker 2.x
    /// reads: Functions:Worker:HostEndpoint, WorkerId, RequestId, GrpcMaxMessageLength).
    /// </summary>
    private static void AddHostArguments(IList<string> args, Uri grpcUri, string workerId)
    {
        var requestId = Guid.NewGuid().ToString();
        var maxLength = MaxMessageLength.ToString(CultureInfo.InvariantCulture);
        args.Add("--host"); args.Add(grpcUri.Host);
        args.Add("--port"); args.Add(grpcUri.Port.ToString(CultureInfo.InvariantCulture));
        args.Add("--workerId"); args.Add(workerId);
        args.Add("--requestId"); args.Add(requestId);
        args.Add("--grpcMaxMessageLength"); args.Add(maxLength);
        args.Add("--functions-uri"); args.Add(grpcUri.AbsoluteUri);
        args.Add("--functions-worker-id"); args.Add(workerId);
        args.Add("--functions-request-id"); args.Add(requestId);
        args.Add("--functions-grpc-max-message-length"); args.Add(maxLength);
    }

    private void OnExited()
    {
        // The parameterless wait also drains the asynchronous output readers, so the last lines are in.
        try
        {
            _process.WaitForExit();
            ExitCode = _process.ExitCode;
        }
        catch (InvalidOperationException) { }
        _exited.TrySetResult();
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
        _log($"[worker] {line}");
    }

    public string RecentOutput()
    {
        lock (_recentOutput)
            return string.Join('\n', _recentOutput);
    }

    private static string ResolveExecutable(string path, string appDirectory)
    {
        if (Path.IsPathRooted(path))
            return path;
        var local = Path.Combine(appDirectory, path);
        if (File.Exists(local))
            return local;
        // "dotnet" is the usual value; under `dotnet test` PATH may not hold it, but the CLI tells us where it is.
        if (path is "dotnet" or "dotnet.exe" && Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } host && File.Exists(host))
            return host;
        return path;
    }

    /// <summary>Kills the process tree (no grace period: this is what a timeout or a crash looks like) and waits for the exit.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { } // already gone
        catch (System.ComponentModel.Win32Exception) { }
        try
        {
            await Exited.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            _log($"Worker pid {Id} did not exit within 10 s of being killed.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
