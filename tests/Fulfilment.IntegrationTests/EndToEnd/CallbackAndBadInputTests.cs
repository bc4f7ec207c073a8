using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulfilment.Storage;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>Install, approval and signed callbacks on the partner-neutral routes, and bad input, through the real host and worker.</summary>
public class CallbackAndBadInputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Install_callback_creates_an_approved_connection_without_exposing_the_token()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);

        var body = await scenario.Stack.Admin.GetStringAsync($"manage/connections/{PipelineScenario.ConnectionId}");

        var connection = JsonNode.Parse(body)!;
        Assert.Equal("Active", connection["status"]!.GetValue<string>());
        Assert.Equal(["accessToken"], connection["credentialsStored"]!.AsArray().Select(c => c!.GetValue<string>()));
        var token = scenario.BigCommerce.GetAccessToken(PipelineScenario.StoreHash)!;
        Assert.DoesNotContain(token, body);
    }

    [Fact]
    public async Task A_newly_installed_store_imports_nothing_until_an_operator_approves_it()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, install: false);
        await scenario.Stack.InstallBigCommerceAppAsync(PipelineScenario.StoreHash, approve: false);

        var pending = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/connections/{PipelineScenario.ConnectionId}"))!;
        scenario.BigCommerce.ClearRequests(PipelineScenario.StoreHash);
        await scenario.RunAsync("PollChannels");
        var health = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("health"))!;

        Assert.Equal("PendingApproval", pending["status"]!.GetValue<string>());
        Assert.Empty(scenario.BigCommerce.GetRequests(PipelineScenario.StoreHash));
        Assert.Empty(await scenario.OrdersByIdAsync());
        Assert.Contains(health["problems"]!.AsArray(), p => p!.GetValue<string>().Contains("waiting for an operator's approval", StringComparison.Ordinal));

        await scenario.Stack.ApproveAsync(PipelineScenario.ConnectionId);
        await scenario.RunAsync("PollChannels");

        Assert.Equal(scenario.Orders.Count - 3, (await scenario.OrdersByIdAsync()).Count); // the pending, completed and too-old orders are not eligible
    }

    [Fact]
    public async Task An_allow_listed_store_is_approved_on_install()
    {
        await using var scenario = await PipelineScenario.StartAsync(output,
            new Dictionary<string, string?> { ["Connections__AutoApprove"] = $"BigCommerce:{PipelineScenario.StoreHash}" }, install: false);

        await scenario.Stack.InstallBigCommerceAppAsync(PipelineScenario.StoreHash, approve: false);

        var connection = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/connections/{PipelineScenario.ConnectionId}"))!;
        Assert.Equal("Active", connection["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reinstalling_never_undoes_an_operators_suspension()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        using var suspend = await scenario.Stack.Admin.PatchAsync($"manage/connections/{PipelineScenario.ConnectionId}",
            new StringContent("""{"status":"Suspended"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);

        Assert.Equal(200, await scenario.BigCommerce.UninstallAsync(PipelineScenario.StoreHash));
        await scenario.Stack.InstallBigCommerceAppAsync(PipelineScenario.StoreHash, approve: false);

        var connection = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/connections/{PipelineScenario.ConnectionId}"))!;
        Assert.Equal("Suspended", connection["status"]!.GetValue<string>());
        Assert.Equal(["accessToken"], connection["credentialsStored"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task A_signed_payload_is_accepted_once_so_a_load_payload_cannot_uninstall()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        using var anonymous = new HttpClient { BaseAddress = new Uri(scenario.Stack.Host.BaseUrl + "/api/") };
        var loadPayload = Uri.EscapeDataString(scenario.BigCommerce.CreateSignedPayload(PipelineScenario.StoreHash));

        using var load = await anonymous.GetAsync($"channels/bigcommerce/load?signed_payload_jwt={loadPayload}");
        using var replayedLoad = await anonymous.GetAsync($"channels/bigcommerce/load?signed_payload_jwt={loadPayload}");
        using var replayedAsUninstall = await anonymous.GetAsync($"channels/bigcommerce/uninstall?signed_payload_jwt={loadPayload}");

        Assert.Equal(HttpStatusCode.OK, load.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayedLoad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayedAsUninstall.StatusCode);
        var connection = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/connections/{PipelineScenario.ConnectionId}"))!;
        Assert.Equal("Active", connection["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_fresh_payload_sent_to_uninstall_while_the_store_token_still_works_disconnects_nothing()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        using var anonymous = new HttpClient { BaseAddress = new Uri(scenario.Stack.Host.BaseUrl + "/api/") };
        var payload = Uri.EscapeDataString(scenario.BigCommerce.CreateSignedPayload(PipelineScenario.StoreHash));

        using var uninstall = await anonymous.GetAsync($"channels/bigcommerce/uninstall?signed_payload_jwt={payload}");

        Assert.Equal(HttpStatusCode.OK, uninstall.StatusCode);
        var connection = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/connections/{PipelineScenario.ConnectionId}"))!;
        Assert.Equal("Active", connection["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_uninstall_issued_before_the_latest_reinstall_does_not_disconnect_the_store()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        using var anonymous = new HttpClient { BaseAddress = new Uri(scenario.Stack.Host.BaseUrl + "/api/") };
        // The merchant uninstalled ten minutes ago (the token died) and has just installed again; the old uninstall
        // callback arrives late, while the new token has not been used yet.
        var late = Uri.EscapeDataString(scenario.BigCommerce.CreateSignedPayload(PipelineScenario.StoreHash, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-10)));
        scenario.BigCommerce.RotateAccessToken(PipelineScenario.StoreHash);
        await scenario.Stack.InstallBigCommerceAppAsync(PipelineScenario.StoreHash, approve: false);
        scenario.BigCommerce.RotateAccessToken(PipelineScenario.StoreHash); // the stored token no longer works either

        using var uninstall = await anonymous.GetAsync($"channels/bigcommerce/uninstall?signed_payload_jwt={late}");

        Assert.Equal(HttpStatusCode.OK, uninstall.StatusCode);
        var connection = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/connections/{PipelineScenario.ConnectionId}"))!;
        Assert.Equal("Active", connection["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stored_credentials_are_encrypted_so_a_reader_of_the_tables_sees_no_secret()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        var token = scenario.BigCommerce.GetAccessToken(PipelineScenario.StoreHash)!;

        var rows = new List<string>();
        foreach (var table in new[] { StorageNames.Tables.Connections, StorageNames.Tables.CarrierAccounts })
            await foreach (var entity in new Azure.Data.Tables.TableClient(scenario.Stack.Azurite.ConnectionString, table).QueryAsync<Azure.Data.Tables.TableEntity>())
                rows.Add(string.Join(";", entity.Select(p => $"{p.Key}={p.Value}")));

        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Contains("Credentials=enc1:", row));
        Assert.DoesNotContain(rows, row => row.Contains(token, StringComparison.Ordinal) || row.Contains(Demo.DevStack.ClickAndDropApiKey, StringComparison.Ordinal));
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
            using var uninstall = await anonymous.GetAsync($"channels/bigcommerce/uninstall?signed_payload_jwt={Uri.EscapeDataString(jwt)}");
            Assert.Equal(HttpStatusCode.Unauthorized, uninstall.StatusCode);
            using var load = await anonymous.GetAsync($"channels/bigcommerce/load?signed_payload_jwt={Uri.EscapeDataString(jwt)}");
            Assert.Equal(HttpStatusCode.Unauthorized, load.StatusCode);
        }

        var connection = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/connections/{PipelineScenario.ConnectionId}"))!;
        Assert.Equal("Active", connection["status"]!.GetValue<string>());
        using var ok = await anonymous.GetAsync($"channels/bigcommerce/load?signed_payload_jwt={Uri.EscapeDataString(valid)}");
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
    public async Task Install_callback_with_missing_or_bad_code_or_context_answers_400_and_unknown_routes_404()
    {
        await using var scenario = await PipelineScenario.StartAsync(output, install: false);
        using var anonymous = new HttpClient { BaseAddress = new Uri(scenario.Stack.Host.BaseUrl + "/api/") };

        using var missing = await anonymous.GetAsync("channels/bigcommerce/auth");
        using var badCode = await anonymous.GetAsync($"channels/bigcommerce/auth?code=nope&scope=store_v2_orders&context=stores/{PipelineScenario.StoreHash}");
        using var badContext = await anonymous.GetAsync("channels/bigcommerce/auth?code=abc&scope=store_v2_orders&context=stores/BAD");
        using var unknownChannel = await anonymous.GetAsync("channels/shopify/auth");
        using var unknownAction = await anonymous.GetAsync("channels/bigcommerce/install");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badContext.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownChannel.StatusCode);
        Assert.Equal("application/problem+json", unknownChannel.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknownAction.StatusCode);
        Assert.Empty(await scenario.Stack.ListConnectionsAsync());
    }

    [Theory]
    [InlineData(StorageNames.Queues.ChannelPoll)]
    [InlineData(StorageNames.Queues.OrderNormalise)]
    [InlineData(StorageNames.Queues.DespatchWriteBack)]
    public async Task Unreadable_queue_message_is_recorded_as_rejected_at_once_and_replayable(string queue)
    {
        await using var scenario = await PipelineScenario.StartAsync(output, install: false);
        var client = scenario.Queue(queue);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync("{ this is not json");
        await client.SendMessageAsync(JsonSerializer.Serialize(new { unexpected = true }));

        await scenario.Stack.Host.WaitForIdleAsync(TimeSpan.FromSeconds(60));

        // Not retried into the poison queue: recorded once, with the text and the reason, in the failures view.
        Assert.Empty((await scenario.Queue(StorageNames.Queues.Poison(queue)).PeekMessagesAsync(10)).Value);
        var failures = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("manage/failures"))!["failures"]!.AsArray()
            .Where(f => f!["subject"]!.GetValue<string>() == queue).ToList();
        Assert.Equal(["{ this is not json", """{"unexpected":true}"""], failures.Select(f => f!["payload"]!.GetValue<string>()).Order());
        Assert.All(failures, f => Assert.StartsWith("The message is unreadable", f!["cause"]!.GetValue<string>()));
        Assert.Equal(1, scenario.Stack.Host.Functions.Count(n => n == FunctionFor(queue)));
        var health = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync("health"))!;
        Assert.Equal("degraded", health["status"]!.GetValue<string>(), ignoreCase: true);

        // Replaying sends the text back to its queue once; a second replay finds nothing left.
        var id = failures[0]!["id"]!.GetValue<string>();
        using var replay = await scenario.Stack.Admin.PostAsync($"manage/failures/{id}/replay", null);
        using var again = await scenario.Stack.Admin.PostAsync($"manage/failures/{id}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    private static string FunctionFor(string queue) => queue switch
    {
        StorageNames.Queues.ChannelPoll => "PollConnection",
        StorageNames.Queues.OrderNormalise => "NormaliseOrder",
        _ => "MarkDespatched",
    };

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
