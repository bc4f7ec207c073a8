using System.Reflection;

namespace Fulfilment.DeployTests.Infrastructure;

/// <summary>Paths inside the repository (stamped into the test assembly at build time, or found above it).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");
    public static string FunctionApp => Path.Combine(Root, "functions", "Fulfilment.Functions");
    public static string HostJson => Path.Combine(Root, "host.json");
    public static string LocalSettingsSample => Path.Combine(Root, "local.settings.sample.json");
    public static string FunctionAppBicep => Path.Combine(Infra, "modules", "functionApp.bicep");
    public static string PackageScript => Path.Combine(Root, "tools", "package.sh");

    private static string FindRoot()
    {
        // Stamped at build time by the project file; the walk up covers builds inside the repository.
        var stamped = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (stamped is not null && File.Exists(Path.Combine(stamped, "Serverless.sln")))
            return stamped;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Serverless.sln not found above {AppContext.BaseDirectory}.");
    }
}
