using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>Connecting an EKM shop through the management API and EKM's consent, bad states, revoked tokens and reconnecting.</summary>
public class EkmConnectEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Connecting_answers_a_connected_page_and_the_shop_waits_for_approval_with_its_webhooks_subscribed()
    {
        await using var scenario = await EkmScenario.StartAsync(output, connect: false);

        var (status, page) = await scenario.Stack.ConnectEkmShopAsync(EkmScenario.Shop, "E2E Candles Ltd", approve: false);

        Assert.Equal(200, status);
        Assert.Contains("is connected and waiting for", page, StringComparison.Ordinal);
        var body = await scenario.Stack.Admin.GetStringAsync($"manage/connections/{EkmScenario.ConnectionId}");
        var connection = JsonNode.Parse(body)!;
        Assert.Equal("PendingApproval", connection["status"]!.GetValue<string>());
        Assert.Equal("E2E Candles Ltd", connection["tradingName"]!.GetValue<string>());
        Assert.Equal("E2E Candles Ltd fulfilment", connection["settings"]!["integrationName"]!.GetValue<string>());
        Assert.Equal(["accessToken", "accessTokenExpiresAt", "refreshToken"], connection["credentialsStored"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.DoesNotContain("eyJ", body, StringComparison.Ordinal); // no JWT (access token) in the API's answer
        Assert.Equal(["order.created", "order.updated"], scenario.Ekm.GetWebhookSubscriptions(EkmScenario.Shop).Select(s => s.Topic).Order());

        await scenario.Stack.ApproveAsync(EkmScenario.ConnectionId);
        Assert.Equal("Active", (await scenario.ConnectionAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_callback_with_a_missing_or_forged_state_answers_a_clear_page_and_connects_nothing()
    {
        await using var scenario = await EkmScenario.StartAsync(output, connect: false);
        using var anonymous = new HttpClient { BaseAddress = new Uri(scenario.Stack.Host.BaseUrl + "/api/") };

        using var missing = await anonymous.GetAsync("channels/ekm/oauth?code=abc");
        using var forged = await anonymous.GetAsync("channels/ekm/oauth?code=abc&state=eyJmYWtlIjp0cnVlfQ.c2lnbmF0dXJl");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("text/html", forged.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("signature is not ours", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await scenario.Stack.ListConnectionsAsync());
        Assert.DoesNotContain(scenario.Ekm.GetRequests(), r => r.Path == "/ekm/connect/token");
    }

    [Fact]
    public async Task A_revoked_token_stops_polling_shows_in_health_and_reconnecting_restores_the_shop_with_its_settings()
    {
        await using var scenario = await EkmScenario.StartAsync(output);
        scenario.Ekm.AddOrderStatus(EkmScenario.Shop, "Ready To Pack");
        using (var patch = await scenario.Stack.Admin.PatchAsJsonAsync($"manage/connections/{EkmScenario.ConnectionId}",
                   new { importStatus = "Ready To Pack", maxOrderAgeDays = 10 }))
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        // The merchant changed their password: EKM revokes our refresh token, and the access token has run out.
        scenario.Ekm.RevokeRefreshTokens(EkmScenario.Shop);
        scenario.Ekm.ExpireAccessTokens(EkmScenario.Shop);

        await scenario.RunAsync("PollChannels");

        var refused = await scenario.ConnectionAsync();
        Assert.Equal("ReconnectRequired", refused["status"]!.GetValue<string>());
        Assert.Contains("invalid_grant", refused["statusReason"]!.GetValue<string>(), StringComparison.Ordinal);
        var health = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("health"))!;
        Assert.Contains(health["problems"]!.AsArray(), p => p!.GetValue<string>().Contains($"{EkmScenario.ConnectionId} needs reconnecting", StringComparison.Ordinal));
        scenario.Ekm.ClearRequests();
        await scenario.RunAsync("PollChannels");
        Assert.Empty(scenario.Ekm.GetRequests(EkmScenario.Shop)); // polling stopped

        var (status, _) = await scenario.Stack.ConnectEkmShopAsync(EkmScenario.Shop, "Ignored On Reconnect", approve: false);
        var order = scenario.Ekm.AddOrder(EkmScenario.Shop, EkmScenario.PaidOrder() with { Status = "READY TO PACK" }, fireWebhook: false);
        await scenario.RunAsync("PollChannels");

        Assert.Equal(200, status);
        var restored = await scenario.ConnectionAsync();
        Assert.Equal("Active", restored["status"]!.GetValue<string>());
        Assert.Equal("Ready To Pack", restored["importStatus"]!.GetValue<string>());
        Assert.Equal(10, restored["maxOrderAgeDays"]!.GetValue<int>());
        Assert.Equal("E2E Candles Ltd", restored["tradingName"]!.GetValue<string>());
        Assert.Contains(order.Id, (await scenario.OrdersByIdAsync()).Keys);
    }

    [Fact]
    public async Task Setting_a_status_the_store_does_not_have_is_refused_and_changes_nothing()
    {
        await using var scenario = await EkmScenario.StartAsync(output);

        using var patch = await scenario.Stack.Admin.PatchAsJsonAsync($"manage/connections/{EkmScenario.ConnectionId}",
            new { settings = new { despatchedStatus = "Shipped By Pigeon" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, patch.StatusCode);
        Assert.Contains("Shipped By Pigeon", await patch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await scenario.ConnectionAsync())["settings"]!["despatchedStatus"]);
    }

    [Fact]
    public async Task Disconnecting_stops_polling_revokes_and_forgets_the_tokens_and_keeps_the_settings()
    {
        await using var scenario = await EkmScenario.StartAsync(output);
        using (var patch = await scenario.Stack.Admin.PatchAsJsonAsync($"manage/connections/{EkmScenario.ConnectionId}", new { maxOrderAgeDays = 12 }))
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        using var disconnect = await scenario.Stack.Admin.PostAsync($"manage/connections/{EkmScenario.ConnectionId}/disconnect", null);

        Assert.Equal(HttpStatusCode.OK, disconnect.StatusCode);
        var connection = await scenario.ConnectionAsync();
        Assert.Equal("Disconnected", connection["status"]!.GetValue<string>());
        Assert.Empty(connection["credentialsStored"]!.AsArray());
        Assert.Equal(12, connection["maxOrderAgeDays"]!.GetValue<int>());
        Assert.Equal(0, scenario.Ekm.LiveRefreshTokenCount(EkmScenario.Shop));
        scenario.Ekm.ClearRequests();
        await scenario.RunAsync("PollChannels");
        Assert.Empty(scenario.Ekm.GetRequests(EkmScenario.Shop));
    }
}
