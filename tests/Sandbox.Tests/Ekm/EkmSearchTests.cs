using System.Net;
using System.Text.Json;
using Sandbox.Ekm;

namespace Sandbox.Tests.Ekm;

/// <summary>GET /ekm/api/v2/orders/search: the OData $filter subset, orderby, and 400 for what the API cannot parse.</summary>
public sealed class EkmSearchTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(EkmHarness Ekm, string Token)> ShopWithOrdersAsync()
    {
        var ekm = await EkmHarness.StartAsync();
        var s = ekm.Simulator;
        s.AddOrder(EkmHarness.Shop, new EkmOrderSeed { Status = "PENDING", OrderDate = Monday.AddDays(-3), OrderNumber = "A-1" });
        s.AddOrder(EkmHarness.Shop, new EkmOrderSeed { Status = "PROCESSING", OrderDate = Monday.AddDays(-2), OrderNumber = "A-2" });
        s.AddOrder(EkmHarness.Shop, new EkmOrderSeed { Status = "PROCESSING", PaymentStatus = "FAILED", OrderDate = Monday.AddDays(-1), OrderNumber = "B-3" });
        s.AddOrder(EkmHarness.Shop, new EkmOrderSeed { Status = "DISPATCHED", OrderDate = Monday.AddHours(-1), OrderNumber = "O'Brien-4", LastUpdated = Monday });
        return (ekm, (await ekm.ConnectAsync()).AccessToken);
    }

    private static async Task<List<string>> OrderNumbersAsync(EkmHarness ekm, string token, string query, string? orderBy = null)
    {
        var path = "/ekm/api/v2/orders/search?page=1&limit=20&query=" + Uri.EscapeDataString(query) + (orderBy is null ? "" : "&orderby=" + Uri.EscapeDataString(orderBy));
        using var response = await ekm.GetAsync(path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await EkmHarness.JsonAsync(response)).GetProperty("data").EnumerateArray().Select(o => o.GetProperty("order_number").GetString()!).ToList();
    }

    [Fact]
    public async Task Status_eq_returns_only_orders_in_that_status()
    {
        var (ekm, token) = await ShopWithOrdersAsync();
        await using var _ = ekm;

        Assert.Equal(["A-2", "B-3"], await OrderNumbersAsync(ekm, token, "status eq 'PROCESSING'"));
        Assert.Equal(["A-1", "B-3", "O'Brien-4"], await OrderNumbersAsync(ekm, token, "status ne 'PROCESSING' or payment_status eq 'FAILED'"));
    }

    [Fact]
    public async Task Statuses_compare_case_sensitively_so_title_case_matches_nothing()
    {
        var (ekm, token) = await ShopWithOrdersAsync();
        await using var _ = ekm;

        Assert.Empty(await OrderNumbersAsync(ekm, token, "status eq 'Processing'"));
    }

    [Fact]
    public async Task Paid_orders_in_a_status_are_found_with_and()
    {
        var (ekm, token) = await ShopWithOrdersAsync();
        await using var _ = ekm;

        Assert.Equal(["A-2"], await OrderNumbersAsync(ekm, token, "status eq 'PROCESSING' and payment_status eq 'SUCCESS'"));
    }

    [Fact]
    public async Task Dates_compare_as_dates_with_quoted_iso_literals()
    {
        var (ekm, token) = await ShopWithOrdersAsync();
        await using var _ = ekm;

        Assert.Equal(["B-3", "O'Brien-4"], await OrderNumbersAsync(ekm, token, "order_date gt '2026-02-28T12:00:00Z'"));
        Assert.Equal(["A-2", "B-3"], await OrderNumbersAsync(ekm, token, "order_date ge '2026-02-28T09:00:00Z' and order_date lt '2026-03-02T00:00:00Z'"));
        Assert.Equal(["A-1"], await OrderNumbersAsync(ekm, token, "order_date le datetime'2026-02-27T09:00:00Z'"));
    }

    [Fact]
    public async Task Last_updated_filters_skip_orders_never_updated()
    {
        var (ekm, token) = await ShopWithOrdersAsync();
        await using var _ = ekm;

        Assert.Equal(["O'Brien-4"], await OrderNumbersAsync(ekm, token, "last_updated ge '2026-03-01T00:00:00Z'"));
        Assert.Equal(["A-1", "A-2", "B-3"], await OrderNumbersAsync(ekm, token, "last_updated eq null"));
    }

    [Fact]
    public async Task Quotes_inside_strings_are_doubled_and_parentheses_group()
    {
        var (ekm, token) = await ShopWithOrdersAsync();
        await using var _ = ekm;

        Assert.Equal(["O'Brien-4"], await OrderNumbersAsync(ekm, token, "order_number eq 'O''Brien-4'"));
        Assert.Equal(["A-1", "O'Brien-4"], await OrderNumbersAsync(ekm, token, "(status eq 'PENDING' or status eq 'DISPATCHED') and payment_status eq 'SUCCESS'"));
        Assert.Equal(["A-1", "A-2"], await OrderNumbersAsync(ekm, token, "startswith(order_number, 'A-')"));
        Assert.Equal(["O'Brien-4"], await OrderNumbersAsync(ekm, token, "contains(tolower(order_number), 'brien')"));
    }

    [Fact]
    public async Task Nested_fields_are_named_with_a_slash()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.AddOrder(EkmHarness.Shop, new EkmOrderSeed { OrderNumber = "UK" });
        ekm.Simulator.AddOrder(EkmHarness.Shop, new EkmOrderSeed { OrderNumber = "IE", ShippingAddress = new EkmAddressSeed { Country = "IE", Town = "Dublin", PostCode = "D02 X285" } });
        var token = (await ekm.ConnectAsync()).AccessToken;

        Assert.Equal(["IE"], await OrderNumbersAsync(ekm, token, "shipping_address/country ne 'GB'"));
    }

    [Fact]
    public async Task Orderby_sorts_by_any_field_and_a_dash_sorts_descending()
    {
        var (ekm, token) = await ShopWithOrdersAsync();
        await using var _ = ekm;

        Assert.Equal(["O'Brien-4", "B-3", "A-2", "A-1"], await OrderNumbersAsync(ekm, token, "id gt 0", orderBy: "-order_date"));
        // Ties (two PROCESSING orders) keep id order.
        Assert.Equal(["A-2", "B-3", "A-1", "O'Brien-4"], await OrderNumbersAsync(ekm, token, "id gt 0", orderBy: "-status"));
    }

    [Theory]
    [InlineData("status = 'PENDING'")]
    [InlineData("status eq")]
    [InlineData("status eq 'PENDING")]
    [InlineData("colour eq 'red'")]
    [InlineData("order_date gt 2026-03-01T00:00:00Z")]
    [InlineData("order_date gt 'yesterday'")]
    [InlineData("is_confirmed gt true")]
    [InlineData("status eq 'PENDING' and")]
    [InlineData("STATUS eq 'PENDING'")]
    public async Task A_query_the_api_cannot_parse_is_400_invalid_search_expression(string query)
    {
        var (ekm, token) = await ShopWithOrdersAsync();
        await using var _ = ekm;

        using var response = await ekm.GetAsync("/ekm/api/v2/orders/search?query=" + Uri.EscapeDataString(query), token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await EkmHarness.JsonAsync(response);
        var error = Assert.Single(json.GetProperty("validation_result").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("member_names").ValueKind);
        Assert.Equal("Invalid search expression", error.GetProperty("error_message").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task An_unknown_orderby_field_and_a_limit_above_twenty_are_400()
    {
        var (ekm, token) = await ShopWithOrdersAsync();
        await using var _ = ekm;

        using var orderBy = await ekm.GetAsync("/ekm/api/v2/orders/search?query=id%20gt%200&orderby=-popularity", token);
        using var limit = await ekm.GetAsync("/ekm/api/v2/orders/search?query=id%20gt%200&limit=50", token);

        Assert.Equal(HttpStatusCode.BadRequest, orderBy.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, limit.StatusCode);
    }

    [Fact]
    public async Task Search_results_are_paged_with_links_that_keep_the_query()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.AddOrders(EkmHarness.Shop, 25, i => new EkmOrderSeed { Status = i % 5 == 0 ? "PENDING" : "PROCESSING" });
        var token = (await ekm.ConnectAsync()).AccessToken;

        using var response = await ekm.GetAsync("/ekm/api/v2/orders/search?page=1&limit=10&query=" + Uri.EscapeDataString("status eq 'PROCESSING'"), token);

        var json = await EkmHarness.JsonAsync(response);
        Assert.Equal(20, json.GetProperty("meta").GetProperty("items_total").GetInt32());
        Assert.Equal(2, json.GetProperty("meta").GetProperty("pages_total").GetInt32());
        var next = json.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "next").GetProperty("href").GetString();
        Assert.Equal("/orders/search?page=2&limit=10&query=status%20eq%20%27PROCESSING%27", next);
    }
}
