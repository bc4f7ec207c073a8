using LocalHost.Configuration;

namespace LocalHost.Worker;

/// <summary>The worker's environment: the app settings plus what the real host sets for a dotnet-isolated worker.</summary>
internal static class WorkerEnvironment
{
    public static IReadOnlyDictionary<string, string?> Build(AppSettings settings, string appDirectory)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in settings.Values)
            env[name] = value;
        env["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        // Read by the worker: FUNCTIONS_APPLICATION_DIRECTORY locates the app's assembly for each function and host.json
        // (route prefix) for the ASP.NET Core integration; FUNCTIONS_WORKER_DIRECTORY is its older fallback.
        env["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        env["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        env["AzureWebJobsScriptRoot"] = appDirectory;
        // Core Tools runs the host in Development; workers (and ASP.NET Core inside them) read this.
        env.TryAdd("AZURE_FUNCTIONS_ENVIRONMENT", "Development");
        // The worker's ASP.NET Core integration binds its own port (HttpUri); inherited URLs must not override it.
        env["ASPNETCORE_URLS"] = null;
        env["ASPNETCORE_HTTP_PORTS"] = null;
        env["ASPNETCORE_HTTPS_PORTS"] = null;
        env["DOTNET_URLS"] = null;
        return env;
    }
}
