using System.Text.Json;
using System.Text.Json.Nodes;
using Fulfilment.DeployTests.Infrastructure;

namespace Fulfilment.DeployTests;

/// <summary>Every Bicep and Bicep parameters file builds and lints without a single diagnostic.</summary>
public sealed class BicepTests
{
    public static TheoryData<string> BicepFiles() => Files("*.bicep");
    public static TheoryData<string> ParamFiles() => Files("*.bicepparam");

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Bicep_file_builds_without_diagnostics(string file)
    {
        var result = await BicepCli.RunAsync("build", Full(file), "--stdout");
        AssertClean(result);
        Assert.NotNull(JsonNode.Parse(result.StandardOutput)?["resources"]);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Bicep_file_lints_without_findings(string file) => AssertClean(await BicepCli.RunAsync("lint", Full(file)));

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public async Task Parameters_file_builds_without_diagnostics(string file)
    {
        var result = await BicepCli.RunAsync("build-params", Full(file), "--stdout");
        AssertClean(result);
        Assert.Contains("parametersJson", result.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public async Task Parameters_file_lints_without_findings(string file) => AssertClean(await BicepCli.RunAsync("lint", Full(file)));

    [Fact]
    public void Infra_has_bicep_and_parameters_files()
    {
        var bicep = Directory.GetFiles(RepoPaths.Infra, "*.bicep*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Infra, f).Replace('\\', '/')).ToList();
        Assert.Contains("main.bicep", bicep);
        Assert.Contains("modules/functionApp.bicep", bicep);
        Assert.Contains("main.bicepparam", bicep);
    }

    [Fact]
    public void Bicepconfig_makes_every_core_linter_rule_an_error()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "bicepconfig.json")), documentOptions: new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        })!;
        var core = config["analyzers"]!["core"]!;
        Assert.True(core["enabled"]!.GetValue<bool>());
        var rules = core["rules"]!.AsObject();
        Assert.True(rules.Count >= 40, $"only {rules.Count} rules configured");
        var notErrors = rules.Where(r => r.Value!["level"]!.GetValue<string>() != "error").Select(r => r.Key).ToList();
        Assert.Empty(notErrors);
    }

    [Fact]
    public async Task A_finding_fails_lint_under_the_infra_config()
    {
        // Proves the checks above can fail: an unused parameter, linted with a copy of infra/bicepconfig.json.
        var dir = Directory.CreateTempSubdirectory("bicep-lint-");
        try
        {
            File.Copy(Path.Combine(RepoPaths.Infra, "bicepconfig.json"), Path.Combine(dir.FullName, "bicepconfig.json"));
            var file = Path.Combine(dir.FullName, "bad.bicep");
            await File.WriteAllTextAsync(file, "param unused string\noutput ok string = 'ok'\n");
            var result = await BicepCli.RunAsync("lint", file);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("no-unused-params", result.StandardError + result.StandardOutput);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void AssertClean(ProcessResult result)
    {
        // Any diagnostic (error, warning or info) is a failure: the exit code alone misses warnings.
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.ToString());
    }

    private static string Full(string relative) => Path.Combine(RepoPaths.Infra, relative);

    private static TheoryData<string> Files(string pattern)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Infra, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepoPaths.Infra, file).Replace('\\', '/'));
        return data;
    }
}
