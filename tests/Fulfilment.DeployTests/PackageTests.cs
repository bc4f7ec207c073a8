using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fulfilment.DeployTests.Infrastructure;
using Fulfilment.Functions;

namespace Fulfilment.DeployTests;

/// <summary>The zip tools/package.sh builds is a script root the Functions host can run as is.</summary>
public sealed partial class PackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void Host_json_is_at_the_root_and_matches_the_repository()
    {
        Assert.Contains("host.json", package.Files);
        Assert.Equal(File.ReadAllText(RepoPaths.HostJson), package.ReadText("host.json"));
    }

    [Fact]
    public void Every_function_folder_is_present_with_its_function_json()
    {
        var sourceFunctions = RepoPaths.FunctionFolders().Select(Path.GetFileName).ToList();
        Assert.NotEmpty(sourceFunctions);
        foreach (var name in sourceFunctions)
        {
            var entry = $"{name}/function.json";
            Assert.Contains(entry, package.Files);
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.FunctionApp, name!, "function.json")), package.ReadText(entry));
        }
    }

    [Fact]
    public void Every_catalogued_function_has_a_folder_and_no_folder_is_uncatalogued()
    {
        var packaged = package.Files.Where(f => f.EndsWith("/function.json")).Select(f => f.Split('/')[0]).Order(StringComparer.Ordinal).ToList();
        var catalogued = FunctionCatalogue.All.Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(catalogued, packaged);
        // A function.json sits exactly one folder deep: the host ignores deeper ones.
        Assert.All(package.Files.Where(f => f.EndsWith("function.json")), f => Assert.Equal(2, f.Split('/').Length));
    }

    [Fact]
    public void Every_path_host_json_names_resolves_inside_the_package()
    {
        var description = JsonNode.Parse(package.ReadText("host.json"))!["customHandler"]!["description"]!;
        var executable = description["defaultExecutablePath"]!.GetValue<string>();
        var workingDirectory = description["workingDirectory"]?.GetValue<string>() ?? "";
        var arguments = description["arguments"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [];

        var root = workingDirectory.Trim('/');
        if (root.Length > 0)
            Assert.Contains(package.Files, f => f.StartsWith(root + "/", StringComparison.Ordinal));
        string InPackage(string path) => root.Length == 0 ? path : $"{root}/{path}";

        // "dotnet" is the runtime on the Functions image (dotnet-isolated); anything else must be shipped in the zip.
        if (executable != "dotnet")
            Assert.Contains(InPackage(executable), package.Files);
        var paths = arguments.Where(a => !a.StartsWith('-') && (a.Contains('/') || FileLike().IsMatch(a))).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.Contains(InPackage(p), package.Files));

        // `dotnet X.dll` also needs X's runtimeconfig and deps beside it.
        var assembly = paths.Single(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(InPackage(Path.ChangeExtension(assembly, ".runtimeconfig.json")), package.Files);
        Assert.Contains(InPackage(Path.ChangeExtension(assembly, ".deps.json")), package.Files);
    }

    [Fact]
    public void Handler_is_framework_dependent_on_the_runtime_the_bicep_puts_on_the_image()
    {
        var runtimeConfig = JsonNode.Parse(package.ReadText("Fulfilment.Functions.runtimeconfig.json"))!["runtimeOptions"]!;
        Assert.Null(runtimeConfig["includedFrameworks"]); // self-contained would list these
        var tfm = runtimeConfig["tfm"]!.GetValue<string>();
        var bicep = File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.bicep"));
        var version = BicepDotnetVersion().Match(bicep).Groups["version"].Value;
        Assert.Equal($"net{version}", tfm);
    }

    [Fact]
    public void Package_holds_no_local_settings()
    {
        Assert.DoesNotContain(package.Files, f => Path.GetFileName(f).Equals("local.settings.json", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(package.Files, f => Path.GetFileName(f).Equals("local.settings.sample.json", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Package_holds_no_test_simulator_or_tool_assemblies()
    {
        string[] forbidden = ["Sandbox", "LocalHost", "Demo", "Test", "xunit", "testhost", "NSubstitute", "Azurite"];
        var offenders = package.Files
            .Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
            .Where(f => forbidden.Any(word => Path.GetFileName(f).Contains(word, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.Empty(offenders);
        Assert.Contains("Fulfilment.Functions.dll", package.Files);
        Assert.Contains("Fulfilment.dll", package.Files);
    }

    [GeneratedRegex(@"\.(dll|exe|so|sh)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileLike();

    [GeneratedRegex(@"param dotnetVersion string = '(?<version>[0-9.]+)'")]
    private static partial Regex BicepDotnetVersion();
}
