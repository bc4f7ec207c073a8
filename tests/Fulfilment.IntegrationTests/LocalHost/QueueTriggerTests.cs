using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Fulfilment.IntegrationTests.LocalHost;

public sealed class QueueTriggerTests
{
    [Fact]
    public async Task Queue_message_is_base64_decoded_and_delivered_json_encoded_inside_a_json_string()
    {
        await using var app = await LocalHostTestApp.StartAsync();
        const string text = "{\"orderId\":\"42\",\"note\":\"Grüße \\\"quoted\\\"\"}";

        await app.SendWorkAsync(text);
        var done = await app.ReceiveAsync(app.DoneQueue, 2);

        // The handler saw a JSON string whose content is the JSON encoding of the text, exactly like the real host.
        var received = done[0];
        Assert.StartsWith("\"", received);
        Assert.Equal(text, JsonSerializer.Deserialize<string>(received));
        var metadata = JsonNode.Parse(done[1])!.AsObject();
        Assert.Equal("1", metadata["DequeueCount"]!.GetValue<string>());
        Assert.StartsWith("\"", metadata["Id"]!.GetValue<string>());
        Assert.Equal("Work", metadata["sys"]!["MethodName"]!.GetValue<string>());
        Assert.True(metadata.ContainsKey("PopReceipt") && metadata.ContainsKey("InsertionTime") && metadata.ContainsKey("ExpirationTime") && metadata.ContainsKey("NextVisibleTime"));

        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        var result = Assert.Single(app.ResultsOf("Work"));
        Assert.True(result.Succeeded);
        Assert.Equal("queueTrigger", result.Trigger);
        Assert.Equal(0, (await app.Queues.GetQueueClient(app.WorkQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Failing_message_lands_in_poison_queue_after_exactly_max_dequeue_count_attempts()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        await app.SendWorkAsync("please fail");
        var poison = await app.ReceiveAsync(app.WorkQueue + "-poison", 1, TimeSpan.FromSeconds(60));
        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("please fail", Assert.Single(poison));
        var attempts = app.ResultsOf("Work");
        Assert.Equal(3, attempts.Count); // maxDequeueCount in the test handler's host.json
        Assert.All(attempts, a => Assert.False(a.Succeeded));
        Assert.Contains("500", attempts[0].Error);
        Assert.Equal(0, (await app.Queues.GetQueueClient(app.WorkQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Message_that_is_not_base64_goes_to_poison_without_an_invocation()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        await app.Queues.GetQueueClient(app.WorkQueue).SendMessageAsync("plain text, not base64!");
        var poison = await app.ReceiveAsync(app.WorkQueue + "-poison", 1, decode: false);
        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("plain text, not base64!", Assert.Single(poison));
        Assert.Empty(app.ResultsOf("Work"));
    }

    [Fact]
    public async Task Invalid_json_answer_with_200_fails_the_invocation()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        await app.SendWorkAsync("bad-json");
        await app.ReceiveAsync(app.WorkQueue + "-poison", 1, TimeSpan.FromSeconds(60));

        var attempts = app.ResultsOf("Work");
        Assert.NotEmpty(attempts);
        Assert.All(attempts, a => Assert.Contains("invalid JSON", a.Error));
    }

    [Fact]
    public async Task Array_in_queue_output_sends_one_message_per_element()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        await app.SendWorkAsync("many:3");
        var done = await app.ReceiveAsync(app.DoneQueue, 3);
        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new[] { "item-1", "item-2", "item-3" }, done.Order().ToArray());
    }

    [Fact]
    public async Task Wait_for_idle_returns_only_after_queued_work_is_done()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        for (var i = 0; i < 10; i++)
            await app.SendWorkAsync($"item {i}");
        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(10, app.ResultsOf("Work").Count(r => r.Succeeded));
    }
}
