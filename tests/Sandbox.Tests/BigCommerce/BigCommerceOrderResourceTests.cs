using System.Net;
using Sandbox.BigCommerce;
using static Sandbox.Tests.BigCommerce.BigCommerceSimHarness;

namespace Sandbox.Tests.BigCommerce;

/// <summary>One order and what hangs off it: its JSON, status updates, lines, shipping addresses and shipments (all paged).</summary>
public sealed class BigCommerceOrderResourceTests
{
    [Fact]
    public async Task An_order_shows_rfc2822_dates_money_strings_and_both_currencies()
    {
        await using var h = await StartAsync();
        var id = h.Simulator.AddOrder(Store, new BigCommerceOrderSeed
        {
            CreatedAt = Start.AddMinutes(-5).AddMilliseconds(700),
            ModifiedAt = Start,
            Currency = "GBP",
            DisplayCurrency = "EUR",
            ShippingCost = 3.99m,
            Products = [new BigCommerceProductSeed { Sku = "MUG-BLUE", Quantity = 2, Price = 12m }],
        }).Id;

        var order = await JsonAsync(await h.GetAsync($"v2/orders/{id}"));

        Assert.Equal("Fri, 20 Nov 2026 08:55:00 +0000", order.GetProperty("date_created").GetString());
        Assert.Equal("Fri, 20 Nov 2026 09:00:00 +0000", order.GetProperty("date_modified").GetString());
        Assert.Equal("27.9900", order.GetProperty("total_inc_tax").GetString());
        Assert.Equal("EUR", order.GetProperty("currency_code").GetString());
        Assert.Equal("GBP", order.GetProperty("default_currency_code").GetString());
        Assert.Equal("Awaiting Shipment", order.GetProperty("status").GetString());
        Assert.EndsWith($"/bigcommerce/api/stores/{Store}/v2/orders/{id}/products", order.GetProperty("products").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Consignments_with_their_lines_come_inline_only_when_asked_for_with_the_object_structure()
    {
        await using var h = await StartAsync();
        var id = h.Simulator.AddOrder(Store, new BigCommerceOrderSeed
        {
            Products = [new BigCommerceProductSeed { Sku = "MUG-BLUE", Quantity = 2 }, new BigCommerceProductSeed { Sku = "EBOOK", Type = "digital" }],
        }).Id;

        var plain = await JsonAsync(await h.GetAsync($"v2/orders/{id}"));
        var inline = await JsonAsync(await h.GetAsync($"v2/orders/{id}?include=consignments.line_items&consignment_structure=object"));
        var listed = await JsonAsync(await h.GetAsync("v2/orders?include=consignments.line_items,fees&consignment_structure=object"));
        var linked = await JsonAsync(await h.GetAsync($"v2/orders/{id}?include=consignments&consignment_structure=object"));

        Assert.EndsWith($"/v2/orders/{id}/consignments", plain.GetProperty("consignments").GetProperty("url").GetString());
        var shipping = Assert.Single(inline.GetProperty("consignments").GetProperty("shipping").EnumerateArray());
        Assert.Equal("MUG-BLUE", Assert.Single(shipping.GetProperty("line_items").EnumerateArray()).GetProperty("sku").GetString());
        Assert.Equal("EBOOK", Assert.Single(Assert.Single(inline.GetProperty("consignments").GetProperty("downloads").EnumerateArray()).GetProperty("line_items").EnumerateArray()).GetProperty("sku").GetString());
        Assert.Equal(shipping.GetProperty("id").GetInt64(), Assert.Single(listed.EnumerateArray()).GetProperty("consignments").GetProperty("shipping")[0].GetProperty("id").GetInt64());
        Assert.True(Assert.Single(linked.GetProperty("consignments").GetProperty("shipping").EnumerateArray()).GetProperty("line_items")[0].TryGetProperty("resource", out _));
    }

    [Theory]
    [InlineData("include=consignment.line_items&consignment_structure=object")]
    [InlineData("include=consignments.line_items")]
    [InlineData("include=consignments&consignment_structure=array")]
    public async Task An_include_the_spec_does_not_list_is_refused_with_400(string query)
    {
        await using var h = await StartAsync();
        var id = h.AddOrder();

        using var single = await h.GetAsync($"v2/orders/{id}?{query}");
        using var list = await h.GetAsync($"v2/orders?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
    }

    [Fact]
    public async Task An_unknown_order_or_path_is_404_and_an_unsupported_method_405_with_a_v2_error_array()
    {
        await using var h = await StartAsync();
        var id = h.AddOrder();

        using var unknownOrder = await h.GetAsync("v2/orders/999999");
        using var notAnId = await h.GetAsync("v2/orders/abc");
        using var unknownPath = await h.GetAsync($"v2/orders/{id}/refunds");
        using var delete = await h.ApiAsync(HttpMethod.Delete, $"v2/orders/{id}");

        Assert.Equal(HttpStatusCode.NotFound, unknownOrder.StatusCode);
        Assert.Equal(404, (await JsonAsync(unknownOrder, HttpStatusCode.NotFound))[0].GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPath.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
    }

    [Fact]
    public async Task Put_status_changes_the_status_and_moves_date_modified_to_now_and_refuses_an_unknown_status()
    {
        await using var h = await StartAsync();
        var id = h.AddOrder(Start.AddHours(-2));
        h.Clock.Advance(TimeSpan.FromSeconds(90.4));

        var updated = await JsonAsync(await h.ApiAsync(HttpMethod.Put, $"v2/orders/{id}", new { status_id = 11 }));
        using var refused = await h.ApiAsync(HttpMethod.Put, $"v2/orders/{id}", new { status_id = 99 });
        using var notJson = await h.ApiAsync(HttpMethod.Put, $"v2/orders/{id}", "{status_id:");

        Assert.Equal(11, updated.GetProperty("status_id").GetInt32());
        Assert.Equal("Fri, 20 Nov 2026 09:01:30 +0000", updated.GetProperty("date_modified").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(11, h.Simulator.GetOrderStatus(Store, id));
    }

    [Fact]
    public async Task Shipping_addresses_are_paged_like_every_v2_list_under_both_spellings()
    {
        await using var h = await StartAsync();
        var seeded = h.Simulator.AddOrder(Store, new BigCommerceOrderSeed
        {
            ShippingAddresses = Enumerable.Range(0, 260).Select(i => new BigCommerceAddressSeed { Street1 = $"{i} High Street" }).ToList(),
            Products = [new BigCommerceProductSeed { Sku = "MUG-BLUE" }],
        });

        var firstDefault = await IdsAsync(await h.GetAsync($"v2/orders/{seeded.Id}/shipping_addresses"));
        var firstFull = await IdsAsync(await h.GetAsync($"v2/orders/{seeded.Id}/shipping_addresses?limit=250&page=1"));
        var second = await IdsAsync(await h.GetAsync($"v2/orders/{seeded.Id}/shippingaddresses?limit=250&page=2"));
        using var third = await h.GetAsync($"v2/orders/{seeded.Id}/shipping_addresses?limit=250&page=3");

        Assert.Equal(seeded.OrderAddressIds.Take(50), firstDefault);
        Assert.Equal(seeded.OrderAddressIds.Take(250), firstFull);
        Assert.Equal(seeded.OrderAddressIds.Skip(250), second);
        Assert.Equal(HttpStatusCode.NoContent, third.StatusCode);
    }

    [Fact]
    public async Task Shipments_are_paged_and_an_order_without_any_answers_204()
    {
        await using var h = await StartAsync();
        var seeded = h.Simulator.AddOrder(Store, new BigCommerceOrderSeed
        {
            ShippingAddresses = Enumerable.Range(0, 3).Select(_ => new BigCommerceAddressSeed()).ToList(),
            Products = Enumerable.Range(0, 3).Select(i => new BigCommerceProductSeed { Sku = "MUG-BLUE", AddressIndex = i }).ToList(),
        });
        using var none = await h.GetAsync($"v2/orders/{seeded.Id}/shipments");
        h.Simulator.ShipOrder(Store, seeded.Id);

        var page1 = await IdsAsync(await h.GetAsync($"v2/orders/{seeded.Id}/shipments?limit=2"));
        var page2 = await IdsAsync(await h.GetAsync($"v2/orders/{seeded.Id}/shipments?limit=2&page=2"));

        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
        Assert.Equal(h.Simulator.GetShipments(Store, seeded.Id).Select(s => s.Id), page1.Concat(page2));
        Assert.Equal(2, page1.Count);
    }

    [Fact]
    public async Task Lines_are_paged_and_name_their_address()
    {
        await using var h = await StartAsync();
        var seeded = h.Simulator.AddOrder(Store, new BigCommerceOrderSeed
        {
            Products = Enumerable.Range(0, 3).Select(i => new BigCommerceProductSeed { Sku = $"SKU-{i}", Weight = 350 }).ToList(),
        });

        var page = await JsonAsync(await h.GetAsync($"v2/orders/{seeded.Id}/products?limit=2&page=2"));

        var line = Assert.Single(page.EnumerateArray());
        Assert.Equal(seeded.OrderProductIds[2], line.GetProperty("id").GetInt64());
        Assert.Equal(seeded.OrderAddressIds[0], line.GetProperty("order_address_id").GetInt64());
        Assert.Equal("350.0000", line.GetProperty("weight").GetString());
    }
}
