using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sandbox.Tests.ClickAndDrop;

/// <summary><c>GET /orders/{orderIdentifiers}</c>, <c>GET /orders</c> and <c>DELETE /orders/{orderIdentifiers}</c>.</summary>
public sealed class ClickAndDropLookupTests
{
    [Fact]
    public async Task Reference_held_by_two_orders_returns_both()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var ours = (await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("FF-1-dup"))).Single();
        var theirs = cnd.Simulator.SeedOrder(ClickAndDropFixture.Oba, "FF-1-dup").OrderIdentifier;

        var orders = await cnd.Api.GetFromJsonAsync<JsonElement>("orders/%22FF-1-dup%22");

        Assert.Equal([ours, theirs], orders.EnumerateArray().Select(o => o.GetProperty("orderIdentifier").GetInt64()));
        Assert.All(orders.EnumerateArray(), o => Assert.Equal("FF-1-dup", o.GetProperty("orderReference").GetString()));
    }

    [Fact]
    public async Task Ids_and_quoted_references_mix_and_unknown_ones_are_absent()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var ids = await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("A;B"), ClickAndDropItems.Uk("R-2"));

        var orders = await cnd.Api.GetFromJsonAsync<JsonElement>($"orders/%22A%3BB%22;{ids[1]};999999;%22nobody%22");

        Assert.Equal(["A;B", "R-2"], orders.EnumerateArray().Select(o => o.GetProperty("orderReference").GetString()));
    }

    [Fact]
    public async Task None_found_is_404_with_click_and_drops_error_array_naming_each_identifier()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.Api.GetAsync("orders/%22FF-none%22;424242");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("FF-none", errors[0].GetProperty("channelOrderReference").GetString());
        Assert.Equal(424242, errors[1].GetProperty("accountOrderNumber").GetInt64());
        Assert.All(errors, e => Assert.Equal("OrderNotFound", e.GetProperty("code").GetString()));
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString())));
    }

    [Fact]
    public async Task More_than_100_identifiers_or_a_malformed_one_is_400_with_an_error_array()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var tooMany = await cnd.Api.GetAsync("orders/" + string.Join(';', Enumerable.Range(1, 101)));
        using var malformed = await cnd.Api.GetAsync("orders/unquoted-reference");

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("TooManyOrderIdentifiers", (await tooMany.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("InvalidOrderIdentifiers", (await malformed.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Another_accounts_orders_are_not_found()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var id = (await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-mine"))).Single();
        using var olp = cnd.Client(ClickAndDropFixture.OlpKey);

        using var response = await olp.GetAsync($"orders/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_pages_with_a_continuation_token_and_delete_hides_orders()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-1"), ClickAndDropItems.Uk("R-2"), ClickAndDropItems.Uk("R-3"));

        var first = await cnd.Api.GetFromJsonAsync<JsonElement>("orders?pageSize=2");
        var token = first.GetProperty("continuationToken").GetString();
        var second = await cnd.Api.GetFromJsonAsync<JsonElement>($"orders?pageSize=2&continuationToken={token}");
        using var deleted = await cnd.Api.DeleteAsync("orders/%22R-2%22;999999");
        var afterDelete = await cnd.Api.GetFromJsonAsync<JsonElement>("orders?pageSize=100");

        Assert.Equal(2, first.GetProperty("orders").GetArrayLength());
        Assert.Equal("R-3", second.GetProperty("orders")[0].GetProperty("orderReference").GetString());
        Assert.False(second.TryGetProperty("continuationToken", out _));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var deleteBody = await deleted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("R-2", deleteBody.GetProperty("deletedOrders")[0].GetProperty("orderReference").GetString());
        Assert.Equal(999999, deleteBody.GetProperty("errors")[0].GetProperty("orderIdentifier").GetInt64());
        Assert.Equal(["R-1", "R-3"], afterDelete.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderReference").GetString()));
    }

    [Fact]
    public async Task Bad_page_size_is_400_with_an_error_response()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.Api.GetAsync("orders?pageSize=101");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidPageSize", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Status_new_voids_the_label_and_despatched_ships()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var ids = await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-1"), ClickAndDropItems.Uk("R-2"));
        cnd.Simulator.ApplyPostage(ids[0]);

        using var response = await cnd.Api.PutAsync("orders/status", ClickAndDropFixture.Json(
            $$"""{"items":[{"orderIdentifier":{{ids[0]}},"status":"new"},{"orderReference":"R-2","status":"despatched"},{"orderReference":"R-9","status":"despatched"}]}"""));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("updatedOrders").GetArrayLength());
        Assert.Equal("R-9", body.GetProperty("errors")[0].GetProperty("orderReference").GetString());
        Assert.Null(cnd.Simulator.Order(ids[0])!.TrackingNumber);
        Assert.Equal(cnd.Clock.GetUtcNow(), cnd.Simulator.Order(ids[1])!.ShippedOn);
    }
}
