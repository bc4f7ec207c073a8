using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fulfilment.IntegrationTests.LocalHost;

public sealed class QueueTriggerTests
{
    [Fact]
    public async Task Queue_message_text_and_every_metadata_value_reach_the_worker_typed_as_the_real_host_sends_them()
    {
        await using var app = await LocalHostTestApp.StartAsync();
        const string text = "{\"orderId\":\"42\",\"note\":\"Grüße \\\"quoted\\\"\"}";

        var sent = await app.SendWorkAsync(text);
        var report = (await app.ReportsForAsync([text]))[text];
        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        // Bound by the worker's converters from the host's TypedData: a string, a long, dates, strings.
        Assert.Equal(sent.MessageId, report["id"]!.GetValue<string>());
        Assert.Equal(1, report["dequeueCount"]!.GetValue<long>());
        Assert.Equal(sent.InsertionTime, DateTimeOffset.Parse(report["insertionTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(sent.ExpirationTime, DateTimeOffset.Parse(report["expirationTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(DateTimeOffset.Parse(report["nextVisibleTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > sent.InsertionTime);
        Assert.False(string.IsNullOrEmpty(report["popReceipt"]!.GetValue<string>()));
        // As the worker holds them: string TypedData as the text itself, json TypedData as JSON text.
        var metadata = report["metadata"]!;
        Assert.Equal(text, metadata["QueueTrigger"]!.GetValue<string>());
        Assert.Equal(sent.MessageId, metadata["Id"]!.GetValue<string>());
        Assert.Equal("1", metadata["DequeueCount"]!.GetValue<string>());
        Assert.StartsWith("\"", metadata["InsertionTime"]!.GetValue<string>());
        Assert.StartsWith("\"", metadata["ExpirationTime"]!.GetValue<string>());
        Assert.StartsWith("\"", metadata["NextVisibleTime"]!.GetValue<string>());
        Assert.Equal(report["popReceipt"]!.GetValue<string>(), metadata["PopReceipt"]!.GetValue<string>());
        Assert.Matches(new Regex("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$"), report["traceParent"]!.GetValue<string>());
        var result = Assert.Single(app.ResultsOf("Work"));
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("queueTrigger", result.Trigger);
        Assert.Equal(result.InvocationId.ToString(), report["invocationId"]!.GetValue<string>());
        Assert.Equal(0, (await app.Queues.GetQueueClient(app.WorkQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Sdk_type_queue_message_is_bound_from_model_binding_data()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        var sent = await app.SendAsync(app.InspectQueue, "inspect me");
        var report = JsonNode.Parse(Assert.Single(await app.ReceiveAsync(app.DoneQueue, 1)))!;

        Assert.Equal(sent.MessageId, report["MessageId"]!.GetValue<string>());
        Assert.Equal("inspect me", report["MessageText"]!.GetValue<string>());
        Assert.Equal(1, report["DequeueCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Failing_message_lands_in_poison_queue_after_exactly_max_dequeue_count_attempts()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        await app.SendWorkAsync("fail always");
        var poison = await app.ReceiveAsync(app.WorkQueue + "-poison", 1);
        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("fail always", Assert.Single(poison));
        var attempts = app.ResultsOf("Work");
        Assert.Equal(3, attempts.Count); // maxDequeueCount in the test worker's host.json
        Assert.All(attempts, a => Assert.False(a.Succeeded));
        Assert.Contains("Asked to fail", attempts[0].Error);
        Assert.Equal(0, (await app.Queues.GetQueueClient(app.WorkQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Max_dequeue_count_follows_an_AzureFunctionsJobHost_override()
    {
        await using var app = await LocalHostTestApp.StartAsync(
            settings: new Dictionary<string, string?> { ["AzureFunctionsJobHost__extensions__queues__maxDequeueCount"] = "2" });

        await app.SendWorkAsync("fail twice");
        await app.ReceiveAsync(app.WorkQueue + "-poison", 1);
        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, app.ResultsOf("Work").Count);
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
    public async Task Array_returned_to_a_queue_output_sends_one_message_per_element()
    {
        await using var app = await LocalHostTestApp.StartAsync();

        await app.SendWorkAsync("many:3");
        var done = await app.ReceiveAsync(app.DoneQueue, 3);
        await app.Host.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new[] { "item-1", "item-2", "item-3" }, done.Order().ToArray());
    }

    [Fact]
    public async Task Disabled_function_is_not_run()
    {
        await using var app = await LocalHostTestApp.StartAsync(settings: new Dictionary<string, string?> { ["AzureWebJobs.Work.Disabled"] = "true" });

        await app.SendWorkAsync("should stay");
        // The Inspect listener runs meanwhile: once it has processed its message, the Work queue has been ignored too.
        await app.SendAsync(app.InspectQueue, "proof of life");
        await app.ReceiveAsync(app.DoneQueue, 1);

        Assert.DoesNotContain("Work", app.Host.Functions);
        Assert.Empty(app.ResultsOf("Work"));
        var waiting = Assert.Single((await app.Queues.GetQueueClient(app.WorkQueue).PeekMessagesAsync(10)).Value);
        Assert.Equal(0, waiting.DequeueCount);
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
