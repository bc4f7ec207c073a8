using Fulfilment.Channels;
using Fulfilment.Channels.BigCommerce;
using Sandbox.BigCommerce;
using Xunit;

namespace Fulfilment.IntegrationTests.Channels.BigCommerce;

/// <summary>An order's shipping addresses and shipments are v2 lists paged like any other: every page is read.</summary>
public class BigCommerceSubResourcePagingTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>An order with one line per address, more addresses than the 250 a page holds.</summary>
    private static BigCommerceSeededOrder SeedWideOrder(BigCommerceHarness h, string store, int addresses) =>
        h.Simulator.AddOrder(store, new BigCommerceOrderSeed
        {
            CreatedAt = Now.AddHours(-2),
            ModifiedAt = Now.AddHours(-1),
            ShippingAddresses = Enumerable.Range(0, addresses).Select(i => new BigCommerceAddressSeed { Street1 = $"{i} High Street" }).ToList(),
            Products = Enumerable.Range(0, addresses).Select(i => new BigCommerceProductSeed { Sku = "MUG-BLUE", AddressIndex = i }).ToList(),
        });

    [Fact]
    public async Task Every_shipping_address_is_read_past_the_first_page()
    {
        await using var h = await BigCommerceHarness.StartAsync(settings: BigCommerceHarness.WithoutConsignments);
        var c = h.NewStore();
        var seeded = SeedWideOrder(h, c.StoreId, addresses: 260);

        var addresses = await h.Client.ListShippingAddressesAsync(BigCommerceHarness.StoreOf(c), seeded.Id, default);
        var order = await h.Channel.GetOrderAsync(c, new ChannelOrderSummary(seeded.Id.ToString(), Now.AddHours(-1)), default);

        Assert.Equal(seeded.OrderAddressIds, addresses.Select(a => a.Id));
        Assert.Equal("order ships to 260 addresses; split it in BigCommerce or ship it by hand", order.ImportProblem);
        var pages = h.Simulator.GetRequests(c.StoreId).Where(r => r.Path.EndsWith("/shipping_addresses", StringComparison.Ordinal)).ToList();
        Assert.Equal(["1", "2", "1", "2"], pages.Select(r => r.Query["page"]));
    }

    [Fact]
    public async Task A_despatch_already_recorded_past_the_first_page_of_shipments_is_found_not_posted_again()
    {
        await using var h = await BigCommerceHarness.StartAsync(settings: BigCommerceHarness.WithoutConsignments);
        var c = h.NewStore();
        var seeded = SeedWideOrder(h, c.StoreId, addresses: 255);
        h.Simulator.ShipOrder(c.StoreId, seeded.Id); // one shipment per address: 255 of them
        var last = h.Simulator.GetShipments(c.StoreId, seeded.Id)[^1];

        var result = await h.Channel.MarkDespatchedAsync(c, new DespatchNotice
        {
            ChannelOrderId = seeded.Id.ToString(),
            ShippingAddressId = last.OrderAddressId.ToString(),
            Lines = [new DespatchLine(last.Items[0].OrderProductId.ToString(), 1)],
            TrackingNumber = last.TrackingNumber,
            ShippingCarrier = "RoyalMail",
            DespatchedAt = Now,
        }, default);

        Assert.True(result.AlreadyRecorded);
        Assert.Equal(last.Id.ToString(), result.ChannelShipmentId);
        Assert.Equal(255, h.Simulator.GetShipments(c.StoreId, seeded.Id).Count);
    }

    [Fact]
    public async Task An_order_without_shipments_is_read_as_none_from_its_204()
    {
        await using var h = await BigCommerceHarness.StartAsync(settings: BigCommerceHarness.WithoutConsignments);
        var c = h.NewStore();
        var seeded = SeedWideOrder(h, c.StoreId, addresses: 1);

        var shipments = await h.Client.ListShipmentsAsync(BigCommerceHarness.StoreOf(c), seeded.Id, default);

        Assert.Empty(shipments);
        Assert.Equal(204, Assert.Single(h.Simulator.GetRequests(c.StoreId)).StatusCode);
    }
}
