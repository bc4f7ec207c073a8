using System.Net;
using System.Net.Http.Json;
using Sandbox.BigCommerce;
using static Sandbox.Tests.BigCommerce.BigCommerceSimHarness;

namespace Sandbox.Tests.BigCommerce;

/// <summary>The /_sandbox/bigcommerce HTTP controls that the demo and out-of-process proof runs use.</summary>
public sealed class BigCommerceControlTests
{
    private const string Controls = "/_sandbox/bigcommerce";

    [Fact]
    public async Task A_store_and_its_orders_are_set_up_and_changed_over_http()
    {
        await using var h = await StartAsync();
        using var created = await h.Http.PostAsJsonAsync($"{Controls}/stores", new { storeHash = "store2", accessToken = "token-2", quota = 40, windowMs = 5000 });
        var seeded = await (await h.Http.PostAsJsonAsync($"{Controls}/stores/store2/orders", new { statusId = 9, products = new[] { new { sku = "MUG-BLUE", quantity = 2 } } }))
            .Content.ReadFromJsonAsync<BigCommerceSeededOrder>();
        using var status = await h.Http.PutAsync($"{Controls}/stores/store2/orders/{seeded!.Id}/status/11", null);
        using var edit = await h.Http.PostAsync($"{Controls}/stores/store2/orders/{seeded.Id}/edit", null);
        using var ship = await h.Http.PostAsync($"{Controls}/stores/store2/orders/{seeded.Id}/ship", null);
        var shipments = await h.Http.GetFromJsonAsync<List<BigCommerceSimShipment>>($"{Controls}/stores/store2/shipments?orderId={seeded.Id}");
        using var call = await h.ApiAsync(HttpMethod.Get, "v2/orders", token: "token-2", store: "store2");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent], new[] { status.StatusCode, edit.StatusCode, ship.StatusCode });
        Assert.Equal(2, h.Simulator.GetOrderStatus("store2", seeded.Id));
        Assert.Equal(2, Assert.Single(shipments!).Items.Single().Quantity);
        Assert.Equal("40", Header(call, "X-Rate-Limit-Requests-Quota"));
        Assert.Equal("5000", Header(call, "X-Rate-Limit-Time-Window-Ms"));
    }

    [Fact]
    public async Task Changes_scripted_over_http_happen_after_the_named_list_request()
    {
        await using var h = await StartAsync();
        var id = h.AddOrder();

        using var scripted = await h.Http.PostAsJsonAsync($"{Controls}/stores/{Store}/after-list-request",
            new { listRequest = 1, changes = new[] { new { orderId = id, kind = "setStatus", statusId = 5 } } });
        var first = await IdsAsync(await h.GetAsync("v2/orders?status_id=9"));
        var second = await IdsAsync(await h.GetAsync("v2/orders?status_id=9"));

        Assert.Equal(HttpStatusCode.NoContent, scripted.StatusCode);
        Assert.Equal([id], first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task Quota_outage_tie_order_faults_and_the_request_log_are_controlled_over_http()
    {
        await using var h = await StartAsync();
        using var consume = await h.Http.PostAsJsonAsync($"{Controls}/stores/{Store}/quota/consume", new { requests = 150 });
        using var limited = await h.GetAsync("v2/orders");
        using var faults = await h.Http.PostAsJsonAsync($"{Controls}/stores/{Store}/faults", new { next500 = 1, quota = 10, windowMs = 1000 });
        using var failed = await h.GetAsync("v2/orders");
        using var outage = await h.Http.PutAsJsonAsync($"{Controls}/stores/{Store}/outage", new { from = Start, until = Start.AddMinutes(5) });
        using var down = await h.GetAsync("v2/orders");
        using var restored = await h.Http.DeleteAsync($"{Controls}/stores/{Store}/outage");
        using var tie = await h.Http.PutAsJsonAsync($"{Controls}/stores/{Store}/tie-order", new { tieOrder = "idDescending" });
        using var up = await h.GetAsync("v2/orders");
        var stats = await h.Http.GetFromJsonAsync<BigCommerceStoreStats>($"{Controls}/stores/{Store}/stats");
        var log = await h.Http.GetFromJsonAsync<List<BigCommerceRequestRecord>>($"{Controls}/stores/{Store}/requests");
        using var cleared = await h.Http.DeleteAsync($"{Controls}/stores/{Store}/requests");

        Assert.All(new[] { consume, faults, outage, restored, tie }, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal([429, 500, 503, 204], log!.Select(r => r.StatusCode));
        Assert.Equal(HttpStatusCode.NoContent, up.StatusCode);
        Assert.Equal(new BigCommerceStoreStats(4, 1, 0, 1), stats);
        Assert.Empty(h.Simulator.GetRequests(Store));
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
    }

    [Fact]
    public async Task An_unknown_store_is_404_and_a_refused_argument_400()
    {
        await using var h = await StartAsync();

        using var unknown = await h.Http.PostAsync($"{Controls}/stores/nostore/orders/1/ship", null);
        using var unknownOrder = await h.Http.PostAsync($"{Controls}/stores/{Store}/orders/424242/edit", null);
        using var backwards = await h.Http.PutAsJsonAsync($"{Controls}/stores/{Store}/outage", new { from = Start, until = Start.AddMinutes(-1) });
        using var badHash = await h.Http.PostAsJsonAsync($"{Controls}/stores", new { storeHash = "Bad Hash" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownOrder.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badHash.StatusCode);
    }

    [Fact]
    public async Task The_signed_payload_control_mints_a_jwt_for_the_registered_app()
    {
        await using var h = await StartAsync();
        using var register = await h.Http.PostAsJsonAsync($"{Controls}/app", new
        {
            clientId = "cid", clientSecret = "secret-0123456789", authCallbackUrl = "https://app.example/auth", loadCallbackUrl = "https://app.example/load",
        });

        var payload = await h.Http.GetFromJsonAsync<SignedPayloadAnswer>($"{Controls}/stores/{Store}/signed-payload");

        Assert.Equal(HttpStatusCode.NoContent, register.StatusCode);
        Assert.Equal(3, payload!.SignedPayloadJwt.Split('.').Length);
        Assert.StartsWith("https://app.example/load?signed_payload_jwt=", payload.LoadUrl);
    }

    private sealed record SignedPayloadAnswer(string SignedPayloadJwt, string LoadUrl);
}
