using System.Text;
using Azure.Storage.Queues;
using Fulfilment.IntegrationTests.Infrastructure;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>Our queue sender and inspector against Azurite.</summary>
public sealed class QueueTests
{
    [Fact]
    public async Task Work_queue_messages_are_base64_json_on_the_wire()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var queueName = StorageTestContext.Unique("wire").ToLowerInvariant();
        var message = new NormaliseOrderMessage("bc/zq3demo01", "118", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        // The queue does not exist yet: the sender creates it.
        await ctx.Get<IWorkQueue>().SendAsync(queueName, message, default);

        var raw = new QueueClient(ctx.Azurite.ConnectionString, queueName); // no encoding: what the host sees
        var peeked = (await raw.PeekMessageAsync()).Value;
        var text = peeked.Body.ToString();
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(text));
        Assert.Equal("""{"connectionId":"bc/zq3demo01","channelOrderId":"118","traceParent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}""", json);
        Assert.True(PipelineMessageJson.TryRead(typeof(NormaliseOrderMessage), json, out var read, out _));
        Assert.Equal(message, read);
    }

    [Fact]
    public async Task A_delayed_message_is_invisible_until_its_delay_passes()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var queueName = StorageTestContext.Unique("delay").ToLowerInvariant();

        await ctx.Get<IWorkQueue>().SendAsync(queueName, new PollConnectionMessage("c"), default, TimeSpan.FromMinutes(5));

        var raw = new QueueClient(ctx.Azurite.ConnectionString, queueName);
        Assert.Null((await raw.PeekMessageAsync()).Value);
        Assert.Equal(1, (await raw.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Inspector_counts_messages_in_queues_and_poison_queues_and_zero_for_missing_ones()
    {
        // A private Azurite: other tests' messages must not change the counts.
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var ctx = await StorageTestContext.CreateAsync(azurite);
        var inspector = ctx.Get<IQueueInspector>();
        var work = ctx.Get<IWorkQueue>();
        // Missing queues count as empty.
        await ctx.Queues.DeleteQueueAsync(StorageNames.Queues.All[^1]);

        var before = await inspector.GetDepthsAsync(default);
        var first = StorageNames.Queues.All[0];
        await work.SendAsync(StorageNames.Queues.Poison(first), new PollConnectionMessage("c"), default);
        await work.SendAsync(first, new PollConnectionMessage("c"), default);
        await work.SendAsync(first, new PollConnectionMessage("c2"), default);
        var after = await inspector.GetDepthsAsync(default);

        Assert.Equal(StorageNames.Queues.All.Count * 2, before.Count);
        Assert.All(before.Values, depth => Assert.Equal(0, depth));
        Assert.Equal(1, after[StorageNames.Queues.Poison(first)]);
        Assert.Equal(2, after[first]);
        Assert.Equal(3, after.Values.Sum());
    }
}
