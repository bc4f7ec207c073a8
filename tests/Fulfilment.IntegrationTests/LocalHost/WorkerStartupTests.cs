using System.Diagnostics;
using LocalHost;
using LocalHost.Configuration;
using LocalHost.Http;
using LocalHost.Rpc;

namespace Fulfilment.IntegrationTests.LocalHost;

public sealed class WorkerStartupTests
{
    [Fact]
    public async Task Start_up_handshake_lists_the_functions_the_worker_indexed()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        Assert.Equal(
            new[] { "Echo", "Inspect", "Open", "Secure", "Slow", "StaffOnly", "Tick", "Work" },
            app.Host.Functions.Order());
        Assert.False(Process.GetProcessById(app.Host.WorkerProcessId).HasExited);
        Assert.Contains("worker indexing on", app.Log);
        Assert.Contains("8 function(s) loaded", app.Log);
        // The worker's RpcLog comes through the host's log with level and category.
        await app.WaitUntilAsync(() => app.LogCount("[info] Microsoft.Hosting.Lifetime:") > 0, "the worker's own log lines");
    }

    [Fact]
    public async Task Worker_that_exits_during_start_up_fails_start_with_its_output()
    {
        var root = Directory.CreateTempSubdirectory("localhost-crash-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root, "host.json"), """{ "version": "2.0" }""");
            await File.WriteAllTextAsync(Path.Combine(root, "worker.config.json"), """
                { "description": { "language": "dotnet-isolated", "defaultExecutablePath": "/bin/sh",
                                   "arguments": [ "-c", "echo worker-says-boom; exit 3" ], "defaultWorkerPath": "App.dll", "workerIndexing": "true" } }
                """);

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsLocalHost.StartAsync(
                new LocalHostOptions { AppDirectory = root, HttpPort = 0, Log = _ => { }, WorkerStartupTimeout = TimeSpan.FromSeconds(20) }));

            Assert.Contains("worker-says-boom", ex.Message);
            Assert.Contains("code 3", ex.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task App_directory_without_worker_config_is_refused_with_what_to_point_at()
    {
        var root = Directory.CreateTempSubdirectory("localhost-empty-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root, "host.json"), """{ "version": "2.0" }""");

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsLocalHost.StartAsync(
                new LocalHostOptions { AppDirectory = root, HttpPort = 0, Log = _ => { } }));

            Assert.Contains("worker.config.json", ex.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("admin/orders")]
    [InlineData("runtime")]
    public void Route_in_the_hosts_reserved_space_is_refused_with_the_real_hosts_message(string route)
    {
        var metadata = new RpcFunctionMetadata { Name = "Reserved" };
        metadata.RawBindings.Add($$"""{"name":"req","type":"httpTrigger","direction":"In","route":"{{route}}"}""");

        var ex = Assert.Throws<InvalidOperationException>(() => HttpRoute.For([FunctionDefinition.FromRpc(metadata)]));

        Assert.Contains("The specified route conflicts with one or more built in routes.", ex.Message);
    }
}
