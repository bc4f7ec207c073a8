using System.Net;
using Sandbox.BigCommerce;
using static Sandbox.Tests.BigCommerce.BigCommerceSimHarness;

namespace Sandbox.Tests.BigCommerce;

/// <summary>Orders changing under a client: merchant edits, shipments, and changes scripted between list pages.</summary>
public sealed class BigCommerceOrderChangeTests
{
    [Fact]
    public async Task Changes_scripted_after_the_nth_list_request_land_before_the_client_can_ask_for_the_next_page()
    {
        await using var h = await StartAsync();
        var ids = Enumerable.Range(0, 6).Select(i => h.AddOrder(Start.AddSeconds(i))).ToList();
        h.Simulator.AfterListRequest(Store, 1, new BigCommerceOrderChange(ids[1], BigCommerceOrderChangeKind.Ship));
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var page1 = await IdsAsync(await h.GetAsync("v2/orders?status_id=9&sort=date_modified:asc&limit=3&page=1"));
        var page2 = await IdsAsync(await h.GetAsync("v2/orders?status_id=9&sort=date_modified:asc&limit=3&page=2"));

        Assert.Equal(ids[..3], page1);
        // Page numbers over a set that changed: ids[3] slid onto page 1 and nobody reads it. This is what keyset paging avoids.
        Assert.Equal(ids[4..], page2);
        Assert.Equal(2, h.Simulator.GetOrderStatus(Store, ids[1]));
        Assert.Equal(2, h.Simulator.GetListRequestCount(Store));
    }

    [Fact]
    public async Task A_merchant_edit_keeps_the_status_and_moves_the_order_to_now()
    {
        await using var h = await StartAsync();
        var id = h.AddOrder(Start.AddHours(-1));
        h.Clock.Advance(TimeSpan.FromSeconds(42.9));

        h.Simulator.EditOrder(Store, id);
        var order = await JsonAsync(await h.GetAsync($"v2/orders/{id}"));

        Assert.Equal(9, order.GetProperty("status_id").GetInt32());
        Assert.Equal("Fri, 20 Nov 2026 09:00:42 +0000", order.GetProperty("date_modified").GetString());
        Assert.Equal(Start.AddSeconds(42), h.Simulator.GetOrderModifiedAt(Store, id));
    }

    [Fact]
    public async Task Shipping_every_item_records_a_shipment_per_address_and_marks_the_order_shipped()
    {
        await using var h = await StartAsync();
        var seeded = h.Simulator.AddOrder(Store, new BigCommerceOrderSeed
        {
            ShippingAddresses = [new BigCommerceAddressSeed(), new BigCommerceAddressSeed { City = "Leeds" }],
            Products = [new BigCommerceProductSeed { Sku = "A", Quantity = 2 }, new BigCommerceProductSeed { Sku = "B", AddressIndex = 1 }, new BigCommerceProductSeed { Sku = "E", Type = "digital" }],
        });

        h.Simulator.ShipOrder(Store, seeded.Id);

        var shipments = h.Simulator.GetShipments(Store, seeded.Id);
        Assert.Equal(seeded.OrderAddressIds, shipments.Select(s => s.OrderAddressId));
        Assert.Equal([new BigCommerceSimShipmentItem(seeded.OrderProductIds[0], 2)], shipments[0].Items);
        Assert.Equal(2, h.Simulator.GetOrderStatus(Store, seeded.Id));
    }

    [Fact]
    public async Task A_shipment_post_is_validated_like_bigcommerce_and_a_partial_one_leaves_the_order_partially_shipped()
    {
        await using var h = await StartAsync();
        var seeded = h.Simulator.AddOrder(Store, new BigCommerceOrderSeed { Products = [new BigCommerceProductSeed { Sku = "A", Quantity = 3 }] });
        var address = seeded.OrderAddressIds[0];
        var line = seeded.OrderProductIds[0];
        object Item(int quantity) => new[] { new { order_product_id = line, quantity } };

        using var noAddress = await h.ApiAsync(HttpMethod.Post, $"v2/orders/{seeded.Id}/shipments", new { items = Item(1) });
        using var tooMany = await h.ApiAsync(HttpMethod.Post, $"v2/orders/{seeded.Id}/shipments", new { order_address_id = address, items = Item(4) });
        using var badProvider = await h.ApiAsync(HttpMethod.Post, $"v2/orders/{seeded.Id}/shipments", new { order_address_id = address, items = Item(1), shipping_provider = "dhl" });
        using var longTracking = await h.ApiAsync(HttpMethod.Post, $"v2/orders/{seeded.Id}/shipments", new { order_address_id = address, items = Item(1), tracking_number = new string('1', 51) });
        var created = await JsonAsync(await h.ApiAsync(HttpMethod.Post, $"v2/orders/{seeded.Id}/shipments",
            new { order_address_id = address, items = Item(1), tracking_number = "AB123456789GB", shipping_provider = "royalmail" }), HttpStatusCode.Created);

        Assert.Contains("order_address_id", (await JsonAsync(noAddress, HttpStatusCode.BadRequest))[0].GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badProvider.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longTracking.StatusCode);
        Assert.EndsWith("AB123456789GB", created.GetProperty("generated_tracking_link").GetString());
        Assert.Equal(3, h.Simulator.GetOrderStatus(Store, seeded.Id));
        Assert.Single(h.Simulator.GetShipments(Store));
    }
}
