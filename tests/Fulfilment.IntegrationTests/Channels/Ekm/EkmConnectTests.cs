using Fulfilment.Channels.Ekm;
using Fulfilment.Connections;
using Microsoft.Extensions.Time.Testing;

namespace Fulfilment.IntegrationTests.Channels.Ekm;

/// <summary>The OAuth connect: our signed state checked before anything else, the code exchanged once, the shop stored.</summary>
public class EkmConnectTests
{
    [Fact]
    public async Task A_consent_with_our_state_stores_the_shop_waiting_for_approval_with_the_operators_settings()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();

        var page = await ekm.CallbackAsync(await ekm.ConsentAsync(username, ekm.NewState("Acme Mugs", integrationName: "Acme EKM")));

        Assert.Equal(200, page.StatusCode);
        Assert.Contains("connected", page.Body, StringComparison.Ordinal);
        var connection = (await ekm.Connections.GetAsync($"ekm-{username}", CancellationToken.None))!;
        Assert.Equal(ConnectionStatus.PendingApproval, connection.Status);
        Assert.Equal("Acme Mugs", connection.TradingName);
        Assert.Equal("Acme EKM", connection.Setting(ConnectState.IntegrationName));
        Assert.Equal(username, connection.StoreId);
        Assert.NotNull(EkmTokenSet.From(connection));
        Assert.Contains(EkmScopes.OfflineAccess, connection.Scopes, StringComparison.Ordinal);
        Assert.DoesNotContain(EkmTokenSet.From(connection)!.AccessToken, connection.ToString() + EkmTokenSet.From(connection), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_forged_replayed_or_expired_state_is_refused_and_stores_nothing()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var good = await ekm.ConsentAsync(username, ekm.NewState());
        var expiredState = ekm.NewState(time: new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-20)));

        var missing = await ekm.CallbackAsync(Without(good, "state"));
        var forged = await ekm.CallbackAsync(With(good, "state", good["state"][..^4] + "AAAA"));
        var expired = await ekm.CallbackAsync(With(good, "state", expiredState));

        Assert.All([missing, forged, expired], page => Assert.Equal(400, page.StatusCode));
        Assert.Contains("no state", missing.Body, StringComparison.Ordinal);
        Assert.Contains("expired", expired.Body, StringComparison.Ordinal);
        Assert.Null(await ekm.Connections.GetAsync($"ekm-{username}", CancellationToken.None));
        // The code was never spent: none of these reached EKM's token endpoint.
        Assert.Empty(ekm.TokenRequests());

        var accepted = await ekm.CallbackAsync(good);
        var replayed = await ekm.CallbackAsync(good);
        Assert.Equal(200, accepted.StatusCode);
        Assert.Equal(400, replayed.StatusCode);
        Assert.Contains("used already", replayed.Body, StringComparison.Ordinal);
        Assert.Single(ekm.TokenRequests());
    }

    [Fact]
    public async Task A_merchant_who_refuses_consent_gets_a_page_saying_so_and_nothing_is_stored()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        ekm.Simulator.ConsentAs(username);
        ekm.Simulator.DenyConsent();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(ekm.Get<EkmAuth>().AuthorizeUrl(ekm.NewState()));
        var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query);

        var page = await ekm.CallbackAsync(query.AllKeys.OfType<string>().ToDictionary(k => k, k => query[k]!));

        Assert.Equal(400, page.StatusCode);
        Assert.Contains("not allowed", page.Body, StringComparison.Ordinal);
        Assert.Null(await ekm.Connections.GetAsync($"ekm-{username}", CancellationToken.None));
    }

    [Fact]
    public async Task The_authorize_url_asks_for_the_scopes_we_need_and_offline_access()
    {
        await using var ekm = await EkmHarness.StartAsync();

        var url = ekm.Get<EkmAuth>().AuthorizeUrl("a-state");

        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(EkmScopes.Requested.Order(), query["scope"]!.Split(' ').Order());
        Assert.Equal(EkmHarness.RedirectUrl, query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("a-state", query["state"]);
    }

    [Fact]
    public async Task Reconnecting_a_shop_keeps_its_settings_and_approval_and_stores_the_new_tokens()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        ekm.Simulator.AddOrderStatus(username, "Awaiting Courier");
        var connection = await ekm.ConnectAsync(username);
        connection.ImportStatus = "Awaiting Courier";
        connection.Settings[EkmSettings.DespatchedStatus] = "Complete";
        connection.MaxOrderAgeDays = 14;
        await ekm.Connections.SaveAsync(connection, CancellationToken.None);
        var before = EkmTokenSet.From(connection)!;

        var page = await ekm.CallbackAsync(await ekm.ConsentAsync(username, ekm.NewState("Another Name")));

        Assert.Equal(200, page.StatusCode);
        var after = await ekm.ReloadAsync(connection);
        Assert.Equal(ConnectionStatus.Active, after.Status);
        Assert.Equal("Awaiting Courier", after.ImportStatus);
        Assert.Equal("Complete", after.Setting(EkmSettings.DespatchedStatus));
        Assert.Equal(14, after.MaxOrderAgeDays);
        Assert.NotEqual(before.RefreshToken, EkmTokenSet.From(after)!.RefreshToken);
    }

    private static Dictionary<string, string> Without(Dictionary<string, string> query, string key) =>
        query.Where(p => p.Key != key).ToDictionary(p => p.Key, p => p.Value);

    private static Dictionary<string, string> With(Dictionary<string, string> query, string key, string value) =>
        new(query) { [key] = value };
}
