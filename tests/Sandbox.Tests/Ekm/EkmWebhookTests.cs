using System.Net;
using System.Text.Json;
using Sandbox.Ekm;

namespace Sandbox.Tests.Ekm;

/// <summary>
/// /ekm/api/v2/Webhooks subscriptions and EKM-style deliveries. Deliveries run on the real clock with back-off
/// compressed (TimeScale), and the tests wait for the simulator to be idle rather than sleeping.
/// </summary>
public sealed class EkmWebhookTests
{
    // The documented 5 s timeout stays, so a slow machine does not turn a good delivery into a timed-out one.
    private static readonly EkmSimulatorOptions Fast = new() { Webhooks = new EkmWebhookBehaviour { TimeScale = 0.001 } };

    private static async Task<JsonElement> SubscribeAsync(EkmHarness ekm, string token, string endpoint, string topic = "order.created", bool enabled = true)
    {
        using var response = await ekm.SendJsonAsync(HttpMethod.Post, "/ekm/api/v2/Webhooks", token,
            JsonSerializer.Serialize(new { topic, endpoint, is_enabled = enabled }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await EkmHarness.JsonAsync(response)).GetProperty("data");
    }

    [Fact]
    public async Task A_subscription_can_be_created_listed_read_updated_and_deleted()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var token = (await ekm.ConnectAsync()).AccessToken;

        var created = await SubscribeAsync(ekm, token, "https://fulfilment.example/hooks/ekm");
        var id = created.GetProperty("id").GetString()!;
        using var list = await ekm.GetAsync("/ekm/api/v2/Webhooks/webhooks", token);
        using var update = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/Webhooks/{id}", token,
            """{"topic":"order.updated","endpoint":"https://fulfilment.example/hooks/ekm2","is_enabled":false}""");
        using var read = await ekm.GetAsync($"/ekm/api/v2/Webhooks/{id}", token);
        using var delete = await ekm.SendJsonAsync(HttpMethod.Delete, $"/ekm/api/v2/Webhooks/{id}", token, "{}");
        using var gone = await ekm.GetAsync($"/ekm/api/v2/Webhooks/{id}", token);

        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal("order.created", created.GetProperty("topic").GetString());
        Assert.Equal(EkmHarness.Shop, created.GetProperty("merchant_username").GetString());
        Assert.Equal(EkmHarness.ClientId, created.GetProperty("client_id").GetString());
        Assert.True(created.GetProperty("is_enabled").GetBoolean());
        Assert.Equal(id, (await EkmHarness.JsonAsync(list)).GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var updated = (await EkmHarness.JsonAsync(read)).GetProperty("data");
        Assert.Equal("order.updated", updated.GetProperty("topic").GetString());
        Assert.False(updated.GetProperty("is_enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("""{"topic":"order.deleted","endpoint":"https://a.example/h","is_enabled":true}""")]
    [InlineData("""{"topic":"order.created","endpoint":"/relative/hook","is_enabled":true}""")]
    [InlineData("""{"topic":"order.created","endpoint":"ftp://a.example/h","is_enabled":true}""")]
    [InlineData("""{"endpoint":"https://a.example/h","is_enabled":true}""")]
    public async Task A_subscription_with_an_unknown_topic_or_an_unusable_endpoint_is_400(string body)
    {
        await using var ekm = await EkmHarness.StartAsync();
        var token = (await ekm.ConnectAsync()).AccessToken;

        using var response = await ekm.SendJsonAsync(HttpMethod.Post, "/ekm/api/v2/Webhooks", token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(ekm.Simulator.GetWebhookSubscriptions(EkmHarness.Shop));
    }

    [Fact]
    public async Task A_new_order_is_posted_to_the_subscribed_endpoint_as_username_topic_and_entity_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var ekm = await EkmHarness.StartAsync(Fast, TimeProvider.System);
        var token = (await ekm.ConnectAsync()).AccessToken;
        await SubscribeAsync(ekm, token, receiver.Url);

        var order = ekm.Simulator.AddOrder(EkmHarness.Shop);
        await ekm.Simulator.WhenWebhooksIdleAsync();

        var body = Assert.Single(receiver.Received);
        Assert.Equal(EkmHarness.Shop, body.GetProperty("username").GetString());
        Assert.Equal("order.created", body.GetProperty("topic").GetString());
        Assert.Equal(order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("entity_id").GetString());
        var attempt = Assert.Single(ekm.Simulator.GetWebhookAttempts());
        Assert.Equal(200, attempt.StatusCode);
    }

    [Fact]
    public async Task A_delivery_not_answered_200_is_retried_until_it_is()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 503, 202);
        await using var ekm = await EkmHarness.StartAsync(Fast, TimeProvider.System);
        var token = (await ekm.ConnectAsync()).AccessToken;
        await SubscribeAsync(ekm, token, receiver.Url);

        ekm.Simulator.AddOrder(EkmHarness.Shop);
        await ekm.Simulator.WhenWebhooksIdleAsync();

        Assert.Equal([500, 503, 202, 200], ekm.Simulator.GetWebhookAttempts().Select(a => a.StatusCode ?? 0));
        Assert.Equal([0, 1, 2, 3], ekm.Simulator.GetWebhookAttempts().Select(a => a.Attempt));
        Assert.Equal(4, receiver.Received.Count);
    }

    [Fact]
    public async Task A_delivery_that_outlasts_the_timeout_counts_as_failed_and_is_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Hang);
        await using var ekm = await EkmHarness.StartAsync(Fast with { Webhooks = Fast.Webhooks with { Timeout = TimeSpan.FromSeconds(1) } }, TimeProvider.System);
        var token = (await ekm.ConnectAsync()).AccessToken;
        await SubscribeAsync(ekm, token, receiver.Url);

        ekm.Simulator.AddOrder(EkmHarness.Shop);
        await ekm.Simulator.WhenWebhooksIdleAsync();

        var attempts = ekm.Simulator.GetWebhookAttempts();
        Assert.True(attempts[0].TimedOut);
        Assert.Null(attempts[0].StatusCode);
        Assert.Equal(200, attempts[^1].StatusCode);
    }

    [Fact]
    public async Task Deliveries_stop_after_the_configured_retries()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Enumerable.Repeat(500, 10).ToArray());
        await using var ekm = await EkmHarness.StartAsync(Fast with { Webhooks = Fast.Webhooks with { MaxRetries = 3 } }, TimeProvider.System);
        var token = (await ekm.ConnectAsync()).AccessToken;
        await SubscribeAsync(ekm, token, receiver.Url);

        ekm.Simulator.AddOrder(EkmHarness.Shop);
        await ekm.Simulator.WhenWebhooksIdleAsync();

        Assert.Equal(4, ekm.Simulator.GetWebhookAttempts().Count);
    }

    [Fact]
    public void Retry_delays_follow_the_documented_200ms_times_1_97_to_the_n()
    {
        Assert.Equal(200, EkmWebhookBehaviour.RetryDelay(1).TotalMilliseconds, precision: 3);
        Assert.Equal(394, EkmWebhookBehaviour.RetryDelay(2).TotalMilliseconds, precision: 3);
        Assert.Equal(776.18, EkmWebhookBehaviour.RetryDelay(3).TotalMilliseconds, precision: 2);
        Assert.Equal(78684337.536, EkmWebhookBehaviour.RetryDelay(20).TotalMilliseconds, precision: 0);
    }

    [Fact]
    public async Task Configured_duplicates_deliver_the_same_event_more_than_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var ekm = await EkmHarness.StartAsync(Fast with { Webhooks = Fast.Webhooks with { Duplicates = 2 } }, TimeProvider.System);
        var token = (await ekm.ConnectAsync()).AccessToken;
        await SubscribeAsync(ekm, token, receiver.Url);

        ekm.Simulator.AddOrder(EkmHarness.Shop);
        await ekm.Simulator.WhenWebhooksIdleAsync();

        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(b => b.GetRawText()).Distinct());
    }

    [Fact]
    public async Task Status_write_backs_and_merchant_changes_send_order_updated_but_not_to_disabled_subscriptions()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var ekm = await EkmHarness.StartAsync(Fast, TimeProvider.System);
        var token = (await ekm.ConnectAsync()).AccessToken;
        await SubscribeAsync(ekm, token, receiver.Url, "order.updated");
        await SubscribeAsync(ekm, token, receiver.Url, "order.created", enabled: false);
        var order = ekm.Simulator.AddOrder(EkmHarness.Shop);

        using var status = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/orders/{order.Id}/status", token, """{"status":"DISPATCHED"}""");
        ekm.Simulator.UpdateOrder(EkmHarness.Shop, order.Id, new EkmOrderChange { PaymentStatus = "FAILED" });
        await ekm.Simulator.WhenWebhooksIdleAsync();

        Assert.Equal(["order.updated", "order.updated"], receiver.Received.Select(b => b.GetProperty("topic").GetString()));
    }
}
