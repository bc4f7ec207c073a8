using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fulfilment.DeployTests.Infrastructure;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.DeployTests;

/// <summary>The zip tools/package.sh builds is an isolated worker app the Functions host can run as is.</summary>
public sealed partial class PackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    [Fact]
    public void Host_json_is_at_the_root_and_matches_the_repository()
    {
        Assert.Contains("host.json", package.Files);
        Assert.Equal(File.ReadAllText(RepoPaths.HostJson), package.ReadText("host.json"));
        Assert.Null(JsonNode.Parse(package.ReadText("host.json"))!["customHandler"]);
    }

    [Fact]
    public void Worker_config_starts_the_shipped_worker_with_dotnet()
    {
        var description = JsonNode.Parse(package.ReadText("worker.config.json"))!["description"]!;
        Assert.Equal("dotnet-isolated", description["language"]!.GetValue<string>());
        // "dotnet" is the runtime on the Functions image (dotnet-isolated); the worker itself must be in the zip.
        Assert.Equal("dotnet", description["defaultExecutablePath"]!.GetValue<string>());
        var worker = description["defaultWorkerPath"]!.GetValue<string>();
        Assert.Equal("Fulfilment.Functions.dll", worker);
        Assert.Contains(worker, package.Files);
        // `dotnet X.dll` also needs X's runtimeconfig and deps beside it.
        Assert.Contains(Path.ChangeExtension(worker, ".runtimeconfig.json"), package.Files);
        Assert.Contains(Path.ChangeExtension(worker, ".deps.json"), package.Files);
        // Functions are described by the worker at start-up (worker indexing), from the SDK's generated code.
        Assert.Equal("true", description["workerIndexing"]!.ToString().ToLowerInvariant());
    }

    [Fact]
    public void Functions_metadata_lists_exactly_the_apps_functions()
    {
        var listed = JsonNode.Parse(package.ReadText("functions.metadata"))!.AsArray()
            .Select(f => f!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var declared = typeof(Fulfilment.Functions.Middleware.FunctionTriggers).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>().Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, listed);
    }

    [Fact]
    public void Every_host_extension_the_app_needs_is_shipped()
    {
        var extensions = JsonNode.Parse(package.ReadText("extensions.json"))!["extensions"]!.AsArray();
        Assert.Contains(extensions, e => e!["name"]!.GetValue<string>() == "AzureStorageQueues");
        Assert.All(extensions, e =>
        {
            var hint = e!["hintPath"]!.GetValue<string>();
            hint = hint.StartsWith("./", StringComparison.Ordinal) ? hint[2..] : hint;
            Assert.Contains(hint, package.Files);
        });
    }

    [Fact]
    public void Worker_is_framework_dependent_on_the_runtime_the_bicep_puts_on_the_image()
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

    [GeneratedRegex(@"param dotnetVersion string = '(?<version>[0-9.]+)'")]
    private static partial Regex BicepDotnetVersion();
}
