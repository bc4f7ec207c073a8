using System.Text.RegularExpressions;

namespace Fulfilment.DeployTests.Infrastructure;

/// <summary>
/// The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64, which this project restores with a
/// PackageDownload (no reference): the binary is tools/bicep inside the package folder.
/// </summary>
public static partial class BicepCli
{
    private const string PackageId = "azure.bicep.commandline.linux-x64";

    private static readonly Lazy<string> Binary = new(Locate);

    public static string Path => Binary.Value;

    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Path, arguments, RepoPaths.Root, TimeSpan.FromMinutes(2),
            // No telemetry, and no surprise network calls from a CLI in CI.
            new Dictionary<string, string> { ["BICEP_TELEMETRY_ENABLED"] = "false" });

    private static string Locate()
    {
        // The version is the one the project file downloads, so the two cannot drift apart.
        var project = File.ReadAllText(System.IO.Path.Combine(RepoPaths.Root, "tests", "Fulfilment.DeployTests", "Fulfilment.DeployTests.csproj"));
        var version = PackageDownloadVersion().Match(project) is { Success: true } m
            ? m.Groups["version"].Value
            : throw new InvalidOperationException("Fulfilment.DeployTests.csproj has no PackageDownload of Azure.Bicep.CommandLine.linux-x64.");

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(packages))
            packages = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var binary = System.IO.Path.Combine(packages, PackageId, version, "tools", "bicep");
        if (!File.Exists(binary))
            throw new FileNotFoundException($"Bicep CLI not found at {binary}: restore tests/Fulfilment.DeployTests first.", binary);

        // NuGet extracts without the execute bit for everyone; make sure we can run it.
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("The Bicep CLI package restored here is the linux-x64 build.");
        var mode = File.GetUnixFileMode(binary);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
            File.SetUnixFileMode(binary, mode | execute);
        return binary;
    }

    [GeneratedRegex(@"<PackageDownload\s+Include=""Azure\.Bicep\.CommandLine\.linux-x64""\s+Version=""\[(?<version>[^\]]+)\]""", RegexOptions.IgnoreCase)]
    private static partial Regex PackageDownloadVersion();
}
