using System.Globalization;
using System.Text;
using System.Text.Json;
using Fulfilment.Channels;
using Fulfilment.Channels.BigCommerce;
using Fulfilment.Connections;
using Fulfilment.Partners;
using Xunit;

namespace Fulfilment.IntegrationTests.Channels.BigCommerce;

/// <summary>
/// BigCommerce order webhooks: the subscription against the simulator's v3 /hooks, and deliveries received on our
/// callback (signature, time window, dedupe on the payload hash) with the real storage on Azurite.
/// </summary>
public class BigCommerceWebhookTests
{
    private const string WebhookUrl = "https://fulfilment.example/api/channels/bigcommerce/webhook";
    private static readonly Dictionary<string, string?> WithWebhooks = new() { ["BigCommerce:WebhookUrl"] = WebhookUrl };

    [Fact]
    public async Task Subscribing_twice_leaves_one_active_hook_per_scope()
    {
        await using var h = await BigCommerceHarness.StartAsync(settings: WithWebhooks);
        h.Simulator.RegisterApp(BigCommerceHarness.ClientId, BigCommerceHarness.ClientSecret, BigCommerceHarness.AuthCallbackUrl);
        var connection = h.NewStore();
        var hooks = h.Get<BigCommerceHooks>();

        await hooks.EnsureSubscribedAsync(connection, default);
        h.Simulator.ClearRequests(connection.StoreId);
        await hooks.EnsureSubscribedAsync(connection, default);

        var all = h.Simulator.GetHooks(connection.StoreId);
        Assert.Equal(["store/order/created", "store/order/statusUpdated"], all.Select(x => x.Scope).Order().ToArray());
        Assert.All(all, x => Assert.True(x.IsActive && x.Destination == WebhookUrl));
        Assert.Equal(["GET /v3/hooks"], h.Simulator.GetRequests(connection.StoreId).Select(r => $"{r.Method} {r.Path}").ToArray());
    }

    [Fact]
    public async Task A_hook_BigCommerce_deactivated_is_reactivated_by_the_next_poll()
    {
        await using var h = await BigCommerceHarness.StartAsync(settings: new Dictionary<string, string?>(WithWebhooks) { ["BigCommerce:WebhookRecheckInterval"] = "00:00:00" });
        h.Simulator.RegisterApp(BigCommerceHarness.ClientId, BigCommerceHarness.ClientSecret, BigCommerceHarness.AuthCallbackUrl);
        var connection = h.NewStore();
        await h.Get<BigCommerceHooks>().EnsureSubscribedAsync(connection, default);
        var created = h.Simulator.GetHooks(connection.StoreId).Single(x => x.Scope == "store/order/created");
        h.Simulator.DeactivateHook(connection.StoreId, created.Id);

        var query = new OrderQuery(OrderPosition.Before(DateTimeOffset.UtcNow.AddDays(-1)), DateTimeOffset.UtcNow.AddDays(-1), "9");
        await foreach (var _ in h.Channel.ReadOrdersAsync(connection, query, default)) { }

        var after = h.Simulator.GetHooks(connection.StoreId);
        Assert.Equal(2, after.Count);
        Assert.True(after.Single(x => x.Id == created.Id).IsActive);
    }

    [Fact]
    public async Task Without_a_webhook_url_nothing_is_subscribed()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        var connection = h.NewStore();

        await h.Get<BigCommerceHooks>().EnsureSubscribedAsync(connection, default);

        Assert.Empty(h.Simulator.GetHooks(connection.StoreId));
        Assert.Empty(h.Simulator.GetRequests(connection.StoreId));
    }

    [Fact]
    public async Task A_signed_delivery_queues_exactly_one_import_hint_however_often_it_comes()
    {
        await using var h = await BigCommerceHarness.StartAsync(storage: true);
        var connection = await h.NewSavedStoreAsync();
        var body = Payload(connection.StoreId, "store/order/created", 101);

        Assert.Equal(200, (await ReceiveAsync(h, body)).StatusCode);
        Assert.Equal(200, (await ReceiveAsync(h, body)).StatusCode);                      // a retry: same id, same hash
        Assert.Equal(200, (await ReceiveAsync(h, body, id: "msg_another")).StatusCode);  // a duplicate: new id, same hash

        var hint = Assert.Single(h.Queue.ImportsFor(connection.Id));
        Assert.Equal("101", hint.ChannelOrderId);
    }

    [Fact]
    public async Task A_delivery_whose_hint_could_not_be_queued_fails_so_that_bigcommerce_retries_it_and_the_retry_is_not_taken_for_a_repeat()
    {
        await using var h = await BigCommerceHarness.StartAsync(storage: true);
        var connection = await h.NewSavedStoreAsync();
        var body = Payload(connection.StoreId, "store/order/created", 103);
        h.Queue.FailNextSends(1);

        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => ReceiveAsync(h, body));
        Assert.Empty(h.Queue.ImportsFor(connection.Id));

        Assert.Equal(200, (await ReceiveAsync(h, body)).StatusCode);   // BigCommerce's retry of the failed delivery
        Assert.Equal("103", Assert.Single(h.Queue.ImportsFor(connection.Id)).ChannelOrderId);
    }

    [Fact]
    public async Task A_status_update_is_a_hint_too()
    {
        await using var h = await BigCommerceHarness.StartAsync(storage: true);
        var connection = await h.NewSavedStoreAsync();

        var answer = await ReceiveAsync(h, Payload(connection.StoreId, "store/order/statusUpdated", 102, status: (11, 9)));

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("102", Assert.Single(h.Queue.ImportsFor(connection.Id)).ChannelOrderId);
    }

    [Fact]
    public async Task A_status_change_to_a_status_we_do_not_import_is_no_hint_so_our_own_write_back_costs_no_read()
    {
        await using var h = await BigCommerceHarness.StartAsync(storage: true);
        var connection = await h.NewSavedStoreAsync();

        var shipped = await ReceiveAsync(h, Payload(connection.StoreId, "store/order/statusUpdated", 104, status: (9, 2)));   // our write-back
        var cancelled = await ReceiveAsync(h, Payload(connection.StoreId, "store/order/statusUpdated", 105, status: (9, 5)));

        Assert.Equal(200, shipped.StatusCode);
        Assert.Equal(200, cancelled.StatusCode);
        Assert.Empty(h.Queue.ImportsFor(connection.Id));
    }

    public static TheoryData<string> Forgeries => ["wrong key", "tampered body", "replayed", "future", "no id", "no timestamp", "no signature", "not v1", "garbage signature"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Forged_replayed_or_unsigned_deliveries_are_refused_and_change_nothing(string forgery)
    {
        await using var h = await BigCommerceHarness.StartAsync(storage: true);
        var connection = await h.NewSavedStoreAsync();
        var body = Payload(connection.StoreId, "store/order/created", 103);
        var now = DateTimeOffset.UtcNow;
        var headers = Signed(body, BigCommerceHarness.ClientSecret, "msg_1", now);
        switch (forgery)
        {
            case "wrong key": headers = Signed(body, "not-" + BigCommerceHarness.ClientSecret, "msg_1", now); break;
            case "tampered body": body = body.Replace("103", "104", StringComparison.Ordinal); break;
            case "replayed": headers = Signed(body, BigCommerceHarness.ClientSecret, "msg_1", now.AddMinutes(-6)); break;
            case "future": headers = Signed(body, BigCommerceHarness.ClientSecret, "msg_1", now.AddMinutes(6)); break;
            case "no id": headers.Remove("webhook-id"); break;
            case "no timestamp": headers.Remove("webhook-timestamp"); break;
            case "no signature": headers.Remove("webhook-signature"); break;
            case "not v1": headers["webhook-signature"] = headers["webhook-signature"].Replace("v1,", "v2,", StringComparison.Ordinal); break;
            case "garbage signature": headers["webhook-signature"] = "v1,!!!notbase64 v1,AAAA"; break;
        }

        Assert.Equal(401, (await HandleAsync(h, headers, body)).StatusCode);
        Assert.Empty(h.Queue.ImportsFor(connection.Id));
        // Nothing was used up: the genuine delivery is still accepted.
        var genuine = Payload(connection.StoreId, "store/order/created", 103);
        Assert.Equal(200, (await ReceiveAsync(h, genuine)).StatusCode);
        Assert.Single(h.Queue.ImportsFor(connection.Id));
    }

    [Fact]
    public async Task Any_of_several_signatures_may_match_as_during_a_secret_rotation()
    {
        await using var h = await BigCommerceHarness.StartAsync(storage: true);
        var connection = await h.NewSavedStoreAsync();
        var body = Payload(connection.StoreId, "store/order/created", 105);
        var headers = Signed(body, BigCommerceHarness.ClientSecret, "msg_1", DateTimeOffset.UtcNow);
        var other = Signed(body, "an-older-secret", "msg_1", DateTimeOffset.UtcNow)["webhook-signature"];
        headers["webhook-signature"] = other + " " + headers["webhook-signature"];

        Assert.Equal(200, (await HandleAsync(h, headers, body)).StatusCode);
        Assert.Single(h.Queue.ImportsFor(connection.Id));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"scope":"store/order/created","data":{"type":"order","id":5},"hash":"abc"}""")]
    [InlineData("""{"scope":"store/order/created","producer":"stores/../x","data":{"type":"order","id":5},"hash":"abc"}""")]
    [InlineData("""{"scope":"store/order/created","producer":"stores/abc","data":{"type":"order","id":-5},"hash":"abc"}""")]
    [InlineData("""{"scope":"store/order/created","producer":"stores/abc","data":{"type":"product","id":5},"hash":"abc"}""")]
    [InlineData("""{"scope":"store/order/created","producer":"stores/abc","data":{"type":"order","id":{"x":1}},"hash":"abc"}""")]
    public async Task A_signed_body_that_is_not_an_order_event_is_refused(string body)
    {
        await using var h = await BigCommerceHarness.StartAsync(storage: true);

        Assert.Equal(400, (await ReceiveAsync(h, body)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ConnectionStatus.PendingApproval)]
    [InlineData(ConnectionStatus.Suspended)]
    public async Task A_delivery_for_an_unknown_or_inactive_store_is_acknowledged_and_ignored(ConnectionStatus? status)
    {
        await using var h = await BigCommerceHarness.StartAsync(storage: true);
        var storeHash = status is { } s ? (await h.NewSavedStoreAsync(s)).StoreId : h.NewStore().StoreId;

        Assert.Equal(200, (await ReceiveAsync(h, Payload(storeHash, "store/order/created", 106))).StatusCode);

        Assert.Empty(h.Queue.Sent);
    }

    [Theory]
    [InlineData("webhook", "GET", 405)]
    [InlineData("webhooks", "POST", 405)]
    public async Task Other_methods_on_the_webhook_are_refused(string action, string method, int status)
    {
        await using var h = await BigCommerceHarness.StartAsync(storage: true);

        var answer = await h.Callbacks.HandleAsync(
            new PartnerHttpRequest(action, method, new Dictionary<string, string>(), new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty), default);

        Assert.Equal(status, answer.StatusCode);
    }

    internal static string Payload(string storeHash, string scope, long orderId, (int Previous, int New)? status = null)
    {
        var data = new Dictionary<string, object> { ["type"] = "order", ["id"] = orderId };
        if (status is { } s)
            data["status"] = new { previous_status_id = s.Previous, new_status_id = s.New };
        return JsonSerializer.Serialize(new
        {
            scope,
            store_id = "1001",
            data,
            hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes($"{storeHash}{scope}{orderId}{status}"))),
            created_at = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            producer = $"stores/{storeHash}",
        });
    }

    internal static Dictionary<string, string> Signed(string body, string secret, string id, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = timestamp,
            ["webhook-signature"] = BigCommerceWebhookSignature.Sign(secret, id, timestamp, Encoding.UTF8.GetBytes(body)),
        };
    }

    private static Task<PartnerHttpResponse> ReceiveAsync(BigCommerceHarness h, string body, string id = "msg_1") =>
        HandleAsync(h, Signed(body, BigCommerceHarness.ClientSecret, id, DateTimeOffset.UtcNow), body);

    // The method the route picks ("webhook" spelled in any case), as ChannelCallback hands it over.
    private static Task<PartnerHttpResponse> HandleAsync(BigCommerceHarness h, Dictionary<string, string> headers, string body) =>
        h.Callbacks.HandleAsync(new PartnerHttpRequest("webhook", "POST", new Dictionary<string, string>(), headers, Encoding.UTF8.GetBytes(body)), default);
}
