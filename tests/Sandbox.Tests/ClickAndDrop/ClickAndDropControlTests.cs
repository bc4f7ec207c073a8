using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sandbox.Tests.ClickAndDrop;

/// <summary>The HTTP controls under <c>/_sandbox/clickanddrop</c>, as the demo and chaos runs use them.</summary>
public sealed class ClickAndDropControlTests
{
    [Fact]
    public async Task Controls_add_an_account_and_inject_create_then_fail()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        (await cnd.Control.PostAsJsonAsync("accounts", new { id = "acct-x", apiKey = "kx", isOba = false })).EnsureSuccessStatusCode();
        (await cnd.Control.PostAsJsonAsync("accounts/acct-x/faults", new { createThenFail = "serverError" })).EnsureSuccessStatusCode();
        using var http = cnd.Client("kx");

        using var response = await cnd.CreateAsync([ClickAndDropItems.Uk("R-1")], http);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Single(cnd.Simulator.Orders("acct-x"));
        var stats = await cnd.Control.GetFromJsonAsync<JsonElement>("accounts/acct-x/stats");
        Assert.Equal(1, stats.GetProperty("createRequests").GetInt32());
        Assert.Equal(1, stats.GetProperty("maxInFlight").GetInt32());
    }

    [Fact]
    public async Task Controls_make_lookups_meet_a_foreign_404_and_refuse_a_reference()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        (await cnd.Control.PostAsJsonAsync($"accounts/{ClickAndDropFixture.Oba}/faults",
            new { foreignNotFoundNext = 1, foreignNotFoundKind = "gatewayJson", refuseRequestsContaining = "R-bad" })).EnsureSuccessStatusCode();

        using var lookup = await cnd.Api.GetAsync("orders/1");
        using var create = await cnd.CreateAsync([ClickAndDropItems.Uk("R-bad")]);

        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        Assert.StartsWith("{", await lookup.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
    }

    [Fact]
    public async Task Outage_control_starts_a_window_on_the_simulators_clock_and_can_be_lifted()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        (await cnd.Control.PutAsJsonAsync("outage", new { durationSeconds = 30, startsInSeconds = 5 })).EnsureSuccessStatusCode();
        using var before = await cnd.Api.GetAsync("orders/1");
        cnd.Clock.Advance(TimeSpan.FromSeconds(5));
        using var during = await cnd.Api.GetAsync("orders/1");
        (await cnd.Control.DeleteAsync("outage")).EnsureSuccessStatusCode();
        using var lifted = await cnd.Api.GetAsync("orders/1");
        using var invalid = await cnd.Control.PutAsJsonAsync("outage", new { durationSeconds = 0 });

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Controls_seed_an_order_refuse_its_label_and_apply_postage()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        var seeded = await (await cnd.Control.PostAsJsonAsync($"accounts/{ClickAndDropFixture.Oba}/seed-order", new { orderReference = "R-seeded" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = seeded.GetProperty("orderIdentifier").GetInt64();
        (await cnd.Control.PostAsync($"orders/{id}/apply-postage", null)).EnsureSuccessStatusCode();
        (await cnd.Control.PostAsJsonAsync($"orders/{id}/refuse-label", new { code = "X1", message = "No label for you." })).EnsureSuccessStatusCode();
        using var label = await cnd.Api.GetAsync($"orders/{id}/label?documentType=postageLabel&includeReturnsLabel=false");

        Assert.Equal(HttpStatusCode.BadRequest, label.StatusCode);
        Assert.Equal("No label for you.", (await label.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("message").GetString());
        Assert.NotNull(cnd.Simulator.Order(id)!.TrackingNumber);
    }

    [Fact]
    public async Task Settings_control_changes_the_rate_limit_and_the_northern_ireland_rule()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        (await cnd.Control.PutAsJsonAsync("settings", new { requestsPerSecond = 2, northernIrelandBusinessFlag = "notRequired" })).EnsureSuccessStatusCode();
        using var bad = await cnd.Control.PutAsJsonAsync("settings", new { northernIrelandBusinessFlag = "sometimes" });

        Assert.Equal(2, cnd.Simulator.RequestsPerSecond);
        Assert.Equal(Sandbox.ClickAndDrop.ClickAndDropNorthernIrelandRule.NotRequired, cnd.Simulator.NorthernIrelandBusinessFlag);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Unknown_account_is_404_on_its_controls()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.Control.GetAsync("accounts/nobody/orders");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
