using System.Text;
using Azure.Storage.Queues;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>An order hint naming an order id the channel can never look up is dropped, not retried into the poison queue.</summary>
public class BadOrderHintTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Hint_with_an_order_id_the_channel_refuses_completes_without_poisoning()
    {
        // Found by the fuzz run: an EKM hint for order "0" threw on every delivery and ended in order-import-poison.
        await using var scenario = await EkmScenario.StartAsync(output, settings: new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:01",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:01",
        });
        var failed = 0;
        scenario.Stack.Host.InvocationCompleted += result =>
        {
            if (result.FunctionName == "ImportOrder" && !result.Succeeded)
                Interlocked.Increment(ref failed);
        };
        var queue = new QueueClient(scenario.Stack.Azurite.ConnectionString, StorageNames.Queues.OrderImport);
        var text = Encoding.UTF8.GetString(PipelineMessageJson.Serialize(new ImportOrderMessage(EkmScenario.ConnectionId, "0")));
        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));

        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, failed);
        var poison = new QueueClient(scenario.Stack.Azurite.ConnectionString, StorageNames.Queues.Poison(StorageNames.Queues.OrderImport));
        Assert.False(await poison.ExistsAsync() && (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0);
    }
}
