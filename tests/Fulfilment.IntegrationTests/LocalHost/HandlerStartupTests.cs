using LocalHost;
using Xunit;

namespace Fulfilment.IntegrationTests.LocalHost;

public sealed class HandlerStartupTests
{
    [Fact]
    public async Task Handler_that_exits_before_listening_fails_start_with_its_output()
    {
        var root = Directory.CreateTempSubdirectory("localhost-crash-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root, "host.json"), """
                { "version": "2.0",
                  "customHandler": { "description": { "defaultExecutablePath": "/bin/sh", "arguments": [ "-c", "echo handler-says-boom; exit 3" ] } } }
                """);

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsLocalHost.StartAsync(
                new LocalHostOptions { ScriptRoot = root, HttpPort = 0, Log = _ => { }, HandlerStartupTimeout = TimeSpan.FromSeconds(20) }));

            Assert.Contains("handler-says-boom", ex.Message);
            Assert.Contains("code 3", ex.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
