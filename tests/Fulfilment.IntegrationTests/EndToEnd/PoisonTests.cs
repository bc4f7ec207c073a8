using System.Text.Json.Nodes;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Sandbox.BigCommerce;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>A message that always fails goes to the poison queue after maxDequeueCount attempts, and Health says so.</summary>
public class PoisonTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Message_that_always_fails_ends_in_the_poison_queue_after_max_dequeue_count_attempts_and_health_reports_it()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?>
        {
            // host.json overrides through app settings, as on Azure: retry quickly so the test is short.
            ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:01",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:01",
            ["BigCommerce__MaxRetryAttempts"] = "0",
        });
        var attempts = 0;
        scenario.Stack.Host.InvocationCompleted += result =>
        {
            if (result.FunctionName == "PollConnection" && !result.Succeeded)
                Interlocked.Increment(ref attempts);
        };
        // BigCommerce is down: every poll of the store fails with a transient error.
        scenario.BigCommerce.SetFaults(PipelineScenario.StoreHash, new BigCommerceFaults { Next500 = 1000 });

        await scenario.SendAsync(StorageNames.Queues.ChannelPoll, new PollConnectionMessage(PipelineScenario.ConnectionId));
        var poison = scenario.Queue(StorageNames.Queues.Poison(StorageNames.Queues.ChannelPoll));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(250);

        Assert.Equal(5, attempts); // host.json maxDequeueCount
        var parked = Assert.Single((await poison.ReceiveMessagesAsync(10)).Value);
        Assert.Contains(PipelineScenario.ConnectionId, parked.Body.ToString());
        var health = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("health"))!;
        Assert.Equal("degraded", health["status"]!.GetValue<string>(), ignoreCase: true);
        Assert.Contains("channel-poll-poison", health.ToJsonString());
    }
}
