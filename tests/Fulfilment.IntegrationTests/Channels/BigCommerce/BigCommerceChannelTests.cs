using System.Diagnostics;
using Fulfilment.Channels;
using Fulfilment.Channels.BigCommerce;
using Fulfilment.Channels.BigCommerce.Dtos;
using Fulfilment.Partners;
using Sandbox.BigCommerce;
using Xunit;

namespace Fulfilment.IntegrationTests.Channels.BigCommerce;

/// <summary>The BigCommerce channel and client over real HTTP against the in-process simulator.</summary>
public class BigCommerceChannelTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static OrderQuery Window(TimeSpan? modifiedAgo = null) =>
        new(OrderPosition.Before(Now - (modifiedAgo ?? TimeSpan.FromDays(3))), Now - TimeSpan.FromDays(7), "9");

    private static BigCommerceOrderSeed Eligible(int minutesAgo, string sku = "MUG-BLUE", int quantity = 1) => new()
    {
        CreatedAt = Now.AddMinutes(-minutesAgo - 60),
        ModifiedAt = Now.AddMinutes(-minutesAgo),
        Products = [new BigCommerceProductSeed { Sku = sku, Quantity = quantity, Weight = 350 }],
    };

    private static async Task<List<ChannelOrderPage>> ReadAll(IChannel channel, Fulfilment.Connections.ChannelConnection c, OrderQuery q)
    {
        var pages = new List<ChannelOrderPage>();
        await foreach (var page in channel.ReadOrdersAsync(c, q, default))
            pages.Add(page);
        return pages;
    }

    private static async Task<List<Fulfilment.Orders.ChannelOrder>> ReadOrders(IChannel channel, Fulfilment.Connections.ChannelConnection c, OrderQuery q)
    {
        var orders = new List<Fulfilment.Orders.ChannelOrder>();
        foreach (var summary in (await ReadAll(channel, c, q)).SelectMany(p => p.Orders))
            orders.Add(await channel.GetOrderAsync(c, summary, default));
        return orders;
    }

    [Fact]
    public async Task Keyset_reads_every_eligible_order_once_in_order_from_the_first_page_each_time()
    {
        await using var h = await BigCommerceHarness.StartAsync(pageSize: 3);
        var c = h.NewStore();
        var ids = Enumerable.Range(0, 6).Select(i => h.Simulator.AddOrder(c.StoreId, Eligible(minutesAgo: 100 - i)).Id).ToList();
        h.Simulator.AddOrder(c.StoreId, Eligible(5) with { StatusId = 1 });                                               // Pending
        h.Simulator.AddOrder(c.StoreId, Eligible(5) with { CreatedAt = Now.AddDays(-9), ModifiedAt = Now.AddMinutes(-5) }); // too old

        var pages = await ReadAll(h.Channel, c, Window());

        Assert.Equal(ids.Select(i => i.ToString()), pages.SelectMany(p => p.Orders).Select(o => o.ChannelOrderId));
        Assert.Equal(pages.SelectMany(p => p.Orders).Last().Position, pages[^1].Next);
        var listCalls = h.Simulator.GetRequests(c.StoreId).Where(r => r.Path == "/v2/orders").ToList();
        Assert.All(listCalls, r => Assert.False(r.Query.ContainsKey("page") && r.Query["page"] != "1", "keyset reads never page by number"));
    }

    [Fact]
    public async Task A_short_page_is_the_last_page()
    {
        await using var h = await BigCommerceHarness.StartAsync(pageSize: 3);
        var c = h.NewStore();
        for (var i = 0; i < 4; i++)
            h.Simulator.AddOrder(c.StoreId, Eligible(50 - i));

        var pages = await ReadAll(h.Channel, c, Window());

        Assert.Equal(4, pages.Sum(p => p.Orders.Count));
        Assert.Equal(2, h.Simulator.GetRequests(c.StoreId).Count(r => r.Path == "/v2/orders"));
    }

    [Fact]
    public async Task Filters_are_sent_as_url_encoded_rfc2822_with_status_sort_and_limit()
    {
        await using var h = await BigCommerceHarness.StartAsync(pageSize: 25);
        var c = h.NewStore();
        var window = new OrderQuery(
            OrderPosition.Before(new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero)),
            new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.FromHours(1)),
            "9");

        await ReadAll(h.Channel, c, window);

        var list = Assert.Single(h.Simulator.GetRequests(c.StoreId));
        Assert.Equal("GET", list.Method);
        Assert.Equal("9", list.Query["status_id"]);
        Assert.Contains("min_date_created=Mon%2C%2016%20Nov%202026%2009%3A00%3A00%20%2B0000", list.RawQuery);
        Assert.Contains("min_date_modified=Fri%2C%2020%20Nov%202026%2008%3A30%3A00%20%2B0000", list.RawQuery);
        Assert.Equal("Fri, 20 Nov 2026 08:30:00 +0000", list.Query["min_date_modified"]);
        Assert.Equal("date_modified:asc", list.Query["sort"]);
        Assert.Equal("25", list.Query["limit"]);
        Assert.Equal(204, list.StatusCode);
    }

    [Fact]
    public async Task Orders_are_mapped_with_lines_address_and_method_from_the_simulator()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        var c = h.NewStore();
        var seeded = h.Simulator.AddOrder(c.StoreId, Eligible(10) with
        {
            ShippingAddresses = [new BigCommerceAddressSeed { FirstName = "Ivy", LastName = "Wood", Zip = "E14 5AB", ShippingMethod = "Same Day Courier" }],
            Products = [new BigCommerceProductSeed { Sku = "EBOOK-GUIDE", Type = "digital", Price = 6.99m }, new BigCommerceProductSeed { Sku = "CANDLE-SOY", Quantity = 2, Price = 22m }],
        });

        var order = Assert.Single(await ReadOrders(h.Channel, c, Window()));

        Assert.Equal(seeded.Id.ToString(), order.ChannelOrderId);
        Assert.Equal("Same Day Courier", order.ShippingMethod);
        Assert.Equal(seeded.OrderAddressIds[0].ToString(), order.ShippingAddressId);
        Assert.Equal("Ivy Wood", order.ShippingAddress!.FullName);
        Assert.Equal(50.99m, order.Subtotal);
        Assert.Equal([false, true], order.Lines.Select(l => l.IsPhysical));
        Assert.Equal(seeded.OrderProductIds.Select(i => i.ToString()), order.Lines.Select(l => l.LineId));
    }

    [Fact]
    public async Task Orders_come_with_their_lines_and_addresses_from_the_list_and_read_exactly_as_the_separate_calls_give_them()
    {
        await using var h = await BigCommerceHarness.StartAsync(pageSize: 3);
        var c = h.NewStore();
        for (var i = 0; i < 4; i++)
            h.Simulator.AddOrder(c.StoreId, Eligible(10 + i, sku: $"SKU-{i}", quantity: i + 1));
        h.Simulator.AddOrder(c.StoreId, Eligible(20) with
        {
            ShippingAddresses = [new BigCommerceAddressSeed { FirstName = "Ivy", LastName = "Wood", Zip = "E14 5AB", ShippingMethod = "Same Day Courier" }],
            Products = [new BigCommerceProductSeed { Sku = "EBOOK-GUIDE", Type = "digital", Price = 6.99m }, new BigCommerceProductSeed { Sku = "CANDLE-SOY", Quantity = 2, Price = 22m }],
        });

        var orders = await ReadOrders(h.Channel, c, Window());

        Assert.Equal(5, orders.Count);
        // List pages and nothing else: no products or shipping_addresses call for any order.
        Assert.All(h.Simulator.GetRequests(c.StoreId), r => Assert.EndsWith("/v2/orders", r.Path));
        var store = BigCommerceHarness.StoreOf(c);
        foreach (var order in orders)
        {
            var id = long.Parse(order.ChannelOrderId);
            var separately = BigCommerceMapper.ToChannelOrder(
                (await h.Client.ListOrdersAsync(store, new BigCommerceOrderQuery { MinId = id, Limit = 1 }, default))[0],
                await h.Client.GetAllOrderProductsAsync(store, id, default),
                await h.Client.ListShippingAddressesAsync(store, id, default));
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(separately), System.Text.Json.JsonSerializer.Serialize(order));
        }
    }

    [Fact]
    public async Task An_order_shown_in_one_currency_and_charged_in_another_is_imported_in_the_charged_one()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        var c = h.NewStore();
        h.Simulator.AddOrder(c.StoreId, Eligible(10) with { Currency = "GBP", DisplayCurrency = "EUR" });

        var order = Assert.Single(await ReadOrders(h.Channel, c, Window()));

        Assert.Equal("GBP", order.Currency);
    }

    [Fact]
    public async Task A_429_with_headers_makes_the_client_wait_then_succeed()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        var c = h.NewStore();
        h.Simulator.AddOrder(c.StoreId, Eligible(10));
        h.Simulator.SetFaults(c.StoreId, new BigCommerceFaults { Next429 = 1, RetryAfter429 = TimeSpan.FromSeconds(1) });

        var clock = Stopwatch.StartNew();
        var orders = await h.Client.ListOrdersAsync(BigCommerceHarness.StoreOf(c), new BigCommerceOrderQuery { StatusId = 9 }, default);

        Assert.Single(orders);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {clock.Elapsed}");
        Assert.Equal([429, 200], h.Simulator.GetRequests(c.StoreId).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_429_without_headers_backs_off_instead_of_retrying_at_once()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        var c = h.NewStore();
        h.Simulator.SetFaults(c.StoreId, new BigCommerceFaults { Next429 = 2, Include429Headers = false });

        var clock = Stopwatch.StartNew();
        var orders = await h.Client.ListOrdersAsync(BigCommerceHarness.StoreOf(c), new BigCommerceOrderQuery(), default);

        Assert.Empty(orders);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(550), $"waited only {clock.Elapsed}"); // 2 × 300 ms configured back-off
        Assert.Equal([429, 429, 204], h.Simulator.GetRequests(c.StoreId).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Quota_exhaustion_slows_the_client_down_instead_of_failing()
    {
        await using var h = await BigCommerceHarness.StartAsync(settings: BigCommerceHarness.WithoutConsignments);
        var c = h.NewStore(quota: 4, window: TimeSpan.FromMilliseconds(1500));
        for (var i = 0; i < 3; i++)
            h.Simulator.AddOrder(c.StoreId, Eligible(30 - i));

        var clock = Stopwatch.StartNew();
        var orders = await ReadOrders(h.Channel, c, Window());

        Assert.Equal(3, orders.Count);
        var requests = h.Simulator.GetRequests(c.StoreId);
        Assert.Equal(7, requests.Count); // 1 list + 3 × (products + addresses)
        Assert.All(requests, r => Assert.NotEqual(429, r.StatusCode));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1400), $"did not wait for the window: {clock.Elapsed}");
    }

    [Fact]
    public async Task A_server_error_on_a_read_is_retried()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        var c = h.NewStore();
        h.Simulator.AddOrder(c.StoreId, Eligible(10));
        h.Simulator.SetFaults(c.StoreId, new BigCommerceFaults { Next500 = 1 });

        var orders = await h.Client.ListOrdersAsync(BigCommerceHarness.StoreOf(c), new BigCommerceOrderQuery { StatusId = 9 }, default);

        Assert.Single(orders);
        Assert.Equal([500, 200], h.Simulator.GetRequests(c.StoreId).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task With_retries_switched_off_a_server_error_is_one_call_failing_as_transient()
    {
        await using var h = await BigCommerceHarness.StartAsync(settings: new Dictionary<string, string?> { ["BigCommerce:MaxRetryAttempts"] = "0" });
        var c = h.NewStore();
        h.Simulator.SetFaults(c.StoreId, new BigCommerceFaults { Next500 = 1 });

        var ex = await Assert.ThrowsAsync<BigCommerceException>(() => h.Client.ListOrdersAsync(BigCommerceHarness.StoreOf(c), new BigCommerceOrderQuery(), default));

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.Equal(500, ex.StatusCode);
        Assert.Equal([500], h.Simulator.GetRequests(c.StoreId).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_wrong_token_is_an_authentication_failure_and_is_not_retried()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        var c = h.NewStore();
        c.Credentials["accessToken"] = "revoked";

        var ex = await Assert.ThrowsAsync<BigCommerceException>(() => ReadAll(h.Channel, c, Window()));

        Assert.Equal(PartnerFailureKind.Authentication, ex.Kind);
        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain("revoked", ex.Message);
        Assert.Single(h.Simulator.GetRequests(c.StoreId));
    }

    [Fact]
    public async Task Marking_despatched_twice_creates_exactly_one_shipment()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        var c = h.NewStore();
        var seeded = h.Simulator.AddOrder(c.StoreId, Eligible(10, "TEE-M-BLK", quantity: 2));
        var notice = new DespatchNotice
        {
            ChannelOrderId = seeded.Id.ToString(),
            ShippingAddressId = seeded.OrderAddressIds[0].ToString(),
            Lines = [new DespatchLine(seeded.OrderProductIds[0].ToString(), 2)],
            TrackingNumber = "AB123456789GB",
            ShippingCarrier = "RoyalMail",
            ServiceName = "Royal Mail Tracked 24",
            DespatchedAt = Now,
        };

        var first = await h.Channel.MarkDespatchedAsync(c, notice, default);
        var second = await h.Channel.MarkDespatchedAsync(c, notice, default);

        Assert.False(first.AlreadyRecorded);
        Assert.True(second.AlreadyRecorded);
        Assert.Equal(first.ChannelShipmentId, second.ChannelShipmentId);
        var shipment = Assert.Single(h.Simulator.GetShipments(c.StoreId));
        Assert.Equal("royalmail", shipment.ShippingProvider);
        Assert.Equal("", shipment.TrackingCarrier);
        Assert.Equal("Royal Mail Tracked 24", shipment.ShippingMethod);
        Assert.Equal([new BigCommerceSimShipmentItem(seeded.OrderProductIds[0], 2)], shipment.Items);
        Assert.Equal(2, h.Simulator.GetOrderStatus(c.StoreId, seeded.Id));
    }

    [Fact]
    public async Task An_unknown_carrier_is_sent_with_an_empty_provider()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        var c = h.NewStore();
        var seeded = h.Simulator.AddOrder(c.StoreId, Eligible(10));

        await h.Channel.MarkDespatchedAsync(c, new DespatchNotice
        {
            ChannelOrderId = seeded.Id.ToString(),
            Lines = [new DespatchLine(seeded.OrderProductIds[0].ToString(), 1)],
            TrackingNumber = "EK000123",
            ShippingCarrier = "Ekart",
            DespatchedAt = Now,
        }, default);

        var shipment = Assert.Single(h.Simulator.GetShipments(c.StoreId));
        Assert.Equal("", shipment.ShippingProvider);
        Assert.Equal(seeded.OrderAddressIds[0], shipment.OrderAddressId); // found the only address itself
    }

    [Fact]
    public async Task A_shipment_post_that_fails_with_a_server_error_is_not_retried()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        var c = h.NewStore();
        var seeded = h.Simulator.AddOrder(c.StoreId, Eligible(10));
        h.Simulator.SetFaults(c.StoreId, new BigCommerceFaults { Next500 = 1 });

        var ex = await Assert.ThrowsAsync<BigCommerceException>(() => h.Client.CreateShipmentAsync(BigCommerceHarness.StoreOf(c), seeded.Id,
            new BcCreateShipmentRequest { OrderAddressId = seeded.OrderAddressIds[0], Items = [new BcShipmentItem { OrderProductId = seeded.OrderProductIds[0], Quantity = 1 }] }, default));

        Assert.Equal(PartnerFailureKind.Transient, ex.Kind);
        Assert.Single(h.Simulator.GetRequests(c.StoreId));
    }

    [Fact]
    public async Task A_rejected_shipment_carries_the_bigcommerce_message()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        var c = h.NewStore();
        var seeded = h.Simulator.AddOrder(c.StoreId, Eligible(10));

        var ex = await Assert.ThrowsAsync<BigCommerceException>(() => h.Client.CreateShipmentAsync(BigCommerceHarness.StoreOf(c), seeded.Id,
            new BcCreateShipmentRequest { OrderAddressId = 999999, Items = [new BcShipmentItem { OrderProductId = seeded.OrderProductIds[0], Quantity = 1 }] }, default));

        Assert.Equal(PartnerFailureKind.Rejected, ex.Kind);
        Assert.Contains("order_address_id", ex.Message);
    }
}
