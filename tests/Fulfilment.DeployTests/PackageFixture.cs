using System.IO.Compression;
using Fulfilment.DeployTests.Infrastructure;

namespace Fulfilment.DeployTests;

/// <summary>Builds the deployment package once per test run with tools/package.sh and keeps its entries for the tests.</summary>
public sealed class PackageFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("fulfilment-package-");

    public string ZipPath => Path.Combine(_work.FullName, "fulfilment-functions.zip");

    /// <summary>Entry paths inside the zip, '/'-separated, files only.</summary>
    public IReadOnlyList<string> Files { get; private set; } = [];

    public string ReadText(string entry)
    {
        using var zip = ZipFile.OpenRead(ZipPath);
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string>
        {
            // A private obj/bin for this run, so the package build never collides with anyone else's.
            ["PACKAGE_ARTIFACTS_PATH"] = Path.Combine(_work.FullName, "build"),
        };
        var result = await ProcessRunner.RunAsync("bash", [RepoPaths.PackageScript, ZipPath], RepoPaths.Root, TimeSpan.FromMinutes(5), environment);
        if (result.ExitCode != 0 || !File.Exists(ZipPath))
            throw new InvalidOperationException($"tools/package.sh failed: {result}");

        using var zip = ZipFile.OpenRead(ZipPath);
        Files = zip.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName.Replace('\\', '/')).ToList();
    }

    public Task DisposeAsync()
    {
        _work.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
