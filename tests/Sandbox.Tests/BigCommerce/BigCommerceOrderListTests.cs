using System.Net;
using Sandbox.BigCommerce;
using static Sandbox.Tests.BigCommerce.BigCommerceSimHarness;

namespace Sandbox.Tests.BigCommerce;

/// <summary>GET /v2/orders and /v2/orders/count: filters, sort, ties, page-number paging and 204 for an empty page.</summary>
public sealed class BigCommerceOrderListTests
{
    [Fact]
    public async Task Orders_are_filtered_by_status_and_inclusive_whole_second_modification_dates()
    {
        await using var h = await StartAsync();
        h.AddOrder(Start.AddSeconds(-1));
        var atMin = h.AddOrder(Start);
        h.AddOrder(Start.AddSeconds(1), status: 1);
        var atMax = h.AddOrder(Start.AddSeconds(2));
        h.AddOrder(Start.AddSeconds(3));

        using var response = await h.GetAsync($"v2/orders?status_id=9&min_date_modified={Rfc2822(Start)}&max_date_modified={Rfc2822(Start.AddSeconds(2))}");

        Assert.Equal([atMin, atMax], await IdsAsync(response));
    }

    [Fact]
    public async Task Iso_8601_filters_are_read_too_and_an_unreadable_filter_is_ignored_like_the_real_api()
    {
        await using var h = await StartAsync();
        var old = h.AddOrder(Start.AddDays(-2));
        var recent = h.AddOrder(Start);

        using var iso = await h.GetAsync("v2/orders?min_date_modified=" + Uri.EscapeDataString(Start.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssK")));
        using var garbage = await h.GetAsync("v2/orders?min_date_modified=yesterday&status_id=nine");

        Assert.Equal([recent], await IdsAsync(iso));
        Assert.Equal([old, recent], await IdsAsync(garbage));
    }

    [Fact]
    public async Task Sort_by_date_modified_breaks_ties_by_the_stores_tie_order()
    {
        await using var h = await StartAsync();
        var late = h.AddOrder(Start.AddSeconds(5));
        var tieA = h.AddOrder(Start);
        var tieB = h.AddOrder(Start);

        using var ascending = await h.GetAsync("v2/orders?sort=date_modified:asc");
        h.Simulator.SetTieOrder(Store, BigCommerceTieOrder.IdDescending);
        using var reversedTies = await h.GetAsync("v2/orders?sort=date_modified:asc");
        using var byIdDefault = await h.GetAsync("v2/orders");

        Assert.Equal([tieA, tieB, late], await IdsAsync(ascending));
        Assert.Equal([tieB, tieA, late], await IdsAsync(reversedTies));
        Assert.Equal([late, tieA, tieB], await IdsAsync(byIdDefault));
    }

    [Fact]
    public async Task Pages_are_numbered_with_a_default_limit_of_50_and_an_empty_page_is_204()
    {
        await using var h = await StartAsync();
        var ids = Enumerable.Range(0, 60).Select(i => h.AddOrder(Start.AddSeconds(i))).ToList();

        using var first = await h.GetAsync("v2/orders");
        using var second = await h.GetAsync("v2/orders?page=2");
        using var small = await h.GetAsync("v2/orders?limit=7&page=3&min_id=" + ids[0]);
        using var past = await h.GetAsync("v2/orders?page=4&limit=20");

        Assert.Equal(ids[..50], await IdsAsync(first));
        Assert.Equal(ids[50..], await IdsAsync(second));
        Assert.Equal(ids[14..21], await IdsAsync(small));
        Assert.Equal(HttpStatusCode.NoContent, past.StatusCode);
        Assert.Equal("", await past.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_limit_above_250_is_cut_to_250()
    {
        await using var h = await StartAsync();
        for (var i = 0; i < 260; i++)
            h.AddOrder(Start);

        using var response = await h.GetAsync("v2/orders?limit=1000");

        Assert.Equal(250, (await IdsAsync(response)).Count);
    }

    [Fact]
    public async Task Count_applies_the_same_filters()
    {
        await using var h = await StartAsync();
        h.AddOrder(Start);
        h.AddOrder(Start, status: 1);
        h.AddOrder(Start.AddDays(-3));

        var json = await JsonAsync(await h.GetAsync($"v2/orders/count?min_date_modified={Rfc2822(Start.AddDays(-1))}"));

        Assert.Equal(2, json.GetProperty("count").GetInt32());
        Assert.Equal(1, json.GetProperty("statuses").EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == 9).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Order_statuses_are_the_fifteen_defaults()
    {
        await using var h = await StartAsync();

        var json = await JsonAsync(await h.GetAsync("v2/order_statuses"));

        Assert.Equal(Enumerable.Range(0, 15), json.EnumerateArray().Select(s => s.GetProperty("id").GetInt32()));
        Assert.Equal("Awaiting Shipment", json[9].GetProperty("name").GetString());
    }
}
