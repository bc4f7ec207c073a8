using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulfilment.Storage;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>OAuth callbacks, uninstall, and bad input through the real host and handler.</summary>
public class CallbackAndBadInputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Install_callback_creates_an_active_connection_without_exposing_the_token()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);

        var body = await scenario.Stack.Admin.GetStringAsync($"manage/connections/{PipelineScenario.ConnectionId}");

        var connection = JsonNode.Parse(body)!;
        Assert.Equal("Active", connection["status"]!.GetValue<string>());
        var token = scenario.BigCommerce.GetAccessToken(PipelineScenario.StoreHash)!;
        Assert.DoesNotContain(token, body);
    }

    [Fact]
    public async Task Forged_or_expired_signed_payload_is_rejected_and_changes_nothing()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        using var anonymous = new HttpClient { BaseAddress = new Uri(scenario.Stack.Host.BaseUrl + "/api/") };
        var valid = scenario.BigCommerce.CreateSignedPayload(PipelineScenario.StoreHash);
        var forged = Forge(valid);
        var expired = scenario.BigCommerce.CreateSignedPayload(PipelineScenario.StoreHash, TimeSpan.FromHours(1), DateTimeOffset.UtcNow.AddDays(-2));

        foreach (var jwt in new[] { forged, expired, "not-a-jwt", "" })
        {
            using var uninstall = await anonymous.GetAsync($"bigcommerce/uninstall?signed_payload_jwt={Uri.EscapeDataString(jwt)}");
            Assert.Equal(HttpStatusCode.Unauthorized, uninstall.StatusCode);
            using var load = await anonymous.GetAsync($"bigcommerce/load?signed_payload_jwt={Uri.EscapeDataString(jwt)}");
            Assert.Equal(HttpStatusCode.Unauthorized, load.StatusCode);
        }

        var connection = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/connections/{PipelineScenario.ConnectionId}"))!;
        Assert.Equal("Active", connection["status"]!.GetValue<string>());
        using var ok = await anonymous.GetAsync($"bigcommerce/load?signed_payload_jwt={Uri.EscapeDataString(valid)}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Uninstall_disconnects_the_store_and_stops_its_polling()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);

        Assert.Equal(200, await scenario.BigCommerce.UninstallAsync(PipelineScenario.StoreHash));
        scenario.BigCommerce.ClearRequests(PipelineScenario.StoreHash);
        await scenario.RunAsync("PollChannels");

        Assert.Empty(scenario.BigCommerce.GetRequests(PipelineScenario.StoreHash));
        Assert.Empty(await scenario.OrdersByIdAsync());
        var connection = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/connections/{PipelineScenario.ConnectionId}"))!;
        Assert.Equal("Disconnected", connection["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Install_callback_with_missing_or_bad_code_answers_400()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, install: false);
        using var anonymous = new HttpClient { BaseAddress = new Uri(scenario.Stack.Host.BaseUrl + "/api/") };

        using var missing = await anonymous.GetAsync("bigcommerce/auth");
        using var badCode = await anonymous.GetAsync($"bigcommerce/auth?code=nope&scope=store_v2_orders&context=stores/{PipelineScenario.StoreHash}");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
    }

    [Theory]
    [InlineData(StorageNames.Queues.ChannelPoll)]
    [InlineData(StorageNames.Queues.OrderNormalise)]
    [InlineData(StorageNames.Queues.DespatchWriteBack)]
    public async Task Unreadable_queue_message_is_parked_in_the_poison_queue_and_health_reports_it(string queue)
    {
        await using var scenario = await PipelineScenario.StartAsync(output, install: false);
        var client = scenario.Queue(queue);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync("{ this is not json");
        await client.SendMessageAsync(JsonSerializer.Serialize(new { unexpected = true }));

        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        var poison = scenario.Queue(StorageNames.Queues.Poison(queue));
        var parked = await poison.ReceiveMessagesAsync(maxMessages: 10);
        Assert.Equal(["{ this is not json", """{"unexpected":true}"""], parked.Value.Select(m => m.Body.ToString()).Order());
        var health = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("health"))!;
        Assert.Equal("degraded", health["status"]!.GetValue<string>(), ignoreCase: true);
    }

    /// <summary>Keeps the signature but changes the payload's store: the signature no longer matches.</summary>
    private static string Forge(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace(PipelineScenario.StoreHash, "othstore");
        parts[1] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts);
    }

    private static byte[] Base64UrlDecode(string value)
    {
        var s = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
