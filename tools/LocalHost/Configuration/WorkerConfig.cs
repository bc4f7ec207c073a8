using System.Text.Json;

namespace LocalHost.Configuration;

/// <summary>
/// worker.config.json's description, which the SDK writes beside the app: how to start the worker
/// (defaultExecutablePath + defaultWorkerPath, e.g. `dotnet App.dll`) and whether it indexes its own functions.
/// </summary>
internal sealed record WorkerConfig(
    string Language,
    string ExecutablePath,
    string? WorkerPath,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> WorkerArguments,
    bool WorkerIndexing,
    string WorkerDirectory)
{
    public const string FileName = "worker.config.json";

    public static WorkerConfig Load(string appDirectory)
    {
        var path = Path.Combine(appDirectory, FileName);
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"{FileName} not found in '{appDirectory}'. Point --app at the build or publish output of an isolated worker app " +
                "(Microsoft.Azure.Functions.Worker.Sdk writes worker.config.json, functions.metadata and host.json there).");
        using var doc = JsonDocument.Parse(File.ReadAllText(path), JsonFile.Options);
        if (!JsonFile.TryGetObject(doc.RootElement, "description", out var description))
            throw new InvalidOperationException($"{path} has no description section.");

        var executable = JsonFile.GetString(description, "defaultExecutablePath")
            ?? throw new InvalidOperationException($"{path}: description.defaultExecutablePath is missing.");
        return new WorkerConfig(
            JsonFile.GetString(description, "language") ?? "dotnet-isolated",
            executable,
            JsonFile.GetString(description, "defaultWorkerPath"),
            Strings(description, "arguments"),
            Strings(description, "workerArguments"),
            JsonFile.GetBool(description, "workerIndexing") ?? false,
            appDirectory);
    }

    private static IReadOnlyList<string> Strings(JsonElement obj, string name) =>
        JsonFile.TryGetArray(obj, name, out var array)
            ? array.EnumerateArray().Select(a => a.GetString() ?? "").Where(a => a.Length > 0).ToList()
            : [];
}
