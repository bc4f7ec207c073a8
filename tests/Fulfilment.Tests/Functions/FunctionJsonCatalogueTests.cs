using System.Text.Json;
using Fulfilment.Functions;
using Fulfilment.Functions.Host;
using Fulfilment.Storage;

namespace Fulfilment.Tests.Functions;

/// <summary>The function.json files (what the Functions host reads) and FunctionCatalogue (what the handler serves) agree.</summary>
public class FunctionJsonCatalogueTests
{
    private static readonly string FunctionsDir = Path.Combine(FindRepoRoot(), "functions", "Fulfilment.Functions");

    /// <summary>Walks up from the test assembly to Serverless.sln; builds with --artifacts-path put it elsewhere, so this source file's folder is the fallback.</summary>
    private static string FindRepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
            for (var dir = start.Length == 0 ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                    return dir.FullName;
        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory + " or " + sourceFile);
    }

    private static Dictionary<string, JsonElement> FunctionJsons() =>
        Directory.GetDirectories(FunctionsDir)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .ToDictionary(d => Path.GetFileName(d), d =>
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(d, "function.json")));
                return doc.RootElement.Clone();
            });

    private static string? Get(JsonElement binding, string name) =>
        binding.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static TheoryData<string> CatalogueNames() => [.. FunctionCatalogue.All.Select(f => f.Name)];

    [Fact]
    public void The_folders_with_a_function_json_are_exactly_the_catalogue()
    {
        Assert.Equal(FunctionCatalogue.All.Select(f => f.Name).Order(StringComparer.Ordinal), FunctionJsons().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(FunctionCatalogue.All.Count, FunctionCatalogue.All.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [MemberData(nameof(CatalogueNames))]
    public void Function_json_matches_its_catalogue_entry(string name)
    {
        var definition = FunctionCatalogue.All.Single(f => f.Name == name);
        var path = Path.Combine(FunctionsDir, name, "function.json");
        Assert.True(File.Exists(path), $"{name} has no folder with a function.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var bindings = doc.RootElement.GetProperty("bindings").EnumerateArray().ToList();
        var triggers = bindings.Where(b => Get(b, "type")?.EndsWith("Trigger", StringComparison.Ordinal) == true).ToList();
        var trigger = Assert.Single(triggers);
        Assert.Equal("in", Get(trigger, "direction"));

        switch (definition.Trigger)
        {
            case TriggerKind.Queue:
                Assert.Equal("queueTrigger", Get(trigger, "type"));
                Assert.Equal(definition.QueueName, Get(trigger, "queueName"));
                Assert.Equal(StorageNames.ConnectionName, Get(trigger, "connection"));
                break;
            case TriggerKind.Timer:
                Assert.Equal("timerTrigger", Get(trigger, "type"));
                Assert.Equal(definition.Schedule, Get(trigger, "schedule"));
                break;
            case TriggerKind.Http:
                Assert.Equal("httpTrigger", Get(trigger, "type"));
                Assert.Equal(definition.Route, Get(trigger, "route"));
                Assert.Equal(definition.AuthLevel, Get(trigger, "authLevel"));
                var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal);
                Assert.Equal(definition.Methods!.Select(m => m.ToLowerInvariant()).Order(StringComparer.Ordinal), methods);
                // Request forwarding applies only to exactly httpTrigger + http output.
                Assert.Equal(2, bindings.Count);
                var output = bindings.Single(b => b.GetRawText() != trigger.GetRawText());
                Assert.Equal("http", Get(output, "type"));
                Assert.Equal("out", Get(output, "direction"));
                break;
            default:
                Assert.Fail($"{name}: unknown trigger kind {definition.Trigger}");
                break;
        }
    }

    [Fact]
    public void No_http_route_uses_a_prefix_the_Functions_host_reserves()
    {
        // The host refuses routes starting with "admin" or "runtime" ("conflicts with one or more built in routes").
        var reserved = FunctionCatalogue.All
            .Where(f => f.Trigger == TriggerKind.Http)
            .Where(f => f.Route!.TrimStart('/').StartsWith("admin", StringComparison.OrdinalIgnoreCase)
                        || f.Route!.TrimStart('/').StartsWith("runtime", StringComparison.OrdinalIgnoreCase))
            .Select(f => f.Name);
        Assert.Empty(reserved);
    }
}
