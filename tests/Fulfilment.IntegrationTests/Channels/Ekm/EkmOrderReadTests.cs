using Fulfilment.Channels;
using Fulfilment.Channels.Ekm;
using Sandbox.Ekm;

namespace Fulfilment.IntegrationTests.Channels.Ekm;

/// <summary>Polling: only paid orders in the import status, read by keyset position in pages of at most 20.</summary>
public class EkmOrderReadTests
{
    [Fact]
    public async Task Only_paid_orders_in_the_import_status_are_listed()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        var paid = ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING" }, fireWebhook: false);
        ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING", PaymentStatus = "FAILED" }, fireWebhook: false);
        ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING", PaymentStatus = "UNKNOWN" }, fireWebhook: false);
        ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PENDING" }, fireWebhook: false);
        ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING", OrderDate = DateTimeOffset.UtcNow.AddDays(-9) }, fireWebhook: false);

        var listed = (await ekm.ReadAllAsync(connection)).SelectMany(p => p.Orders).ToList();

        Assert.Equal([paid.Id.ToString()], listed.Select(o => o.ChannelOrderId));
    }

    [Fact]
    public async Task A_paid_status_without_a_transaction_is_not_taken_as_paid()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        var order = ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING" }, fireWebhook: false);
        ekm.Simulator.UpdateOrder(username, order.Id, new EkmOrderChange { TransactionId = "", FireWebhook = false });

        var listed = (await ekm.ReadAllAsync(connection)).SelectMany(p => p.Orders).ToList();
        var hinted = await ekm.Get<EkmOrderLookup>().FindEligibleAsync(connection, order.Id.ToString(), Query(connection), CancellationToken.None);

        Assert.Empty(listed);
        Assert.Null(hinted);
    }

    [Fact]
    public async Task Many_orders_come_in_pages_of_at_most_twenty_in_ascending_position_each_once()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        var seeded = ekm.Simulator.AddOrders(username, 45, _ => new EkmOrderSeed { Status = "PROCESSING" }, fireWebhook: false);
        // Some were changed after they were placed: their position is their last change.
        foreach (var order in seeded.Where((_, i) => i % 4 == 0))
            ekm.Simulator.UpdateOrder(username, order.Id, new EkmOrderChange { FireWebhook = false });

        var pages = await ekm.ReadAllAsync(connection);

        var listed = pages.SelectMany(p => p.Orders).ToList();
        Assert.All(pages, p => Assert.InRange(p.Orders.Count, 0, 20));
        Assert.Equal(seeded.Select(o => o.Id.ToString()).Order(), listed.Select(o => o.ChannelOrderId).Order());
        Assert.Equal(listed.Select(o => o.Position).Order(), listed.Select(o => o.Position));
        Assert.All(ekm.ApiRequests(username).Where(r => r.Path.Contains("/search")), r => Assert.Contains("limit=20", r.Query));
    }

    [Fact]
    public async Task A_read_from_a_position_lists_only_what_is_after_it_including_orders_changed_since()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        var seeded = ekm.Simulator.AddOrders(username, 6, _ => new EkmOrderSeed { Status = "PROCESSING" }, fireWebhook: false);
        var first = await ekm.ReadAllAsync(connection);
        var position = first[^1].Next;
        ekm.Simulator.UpdateOrder(username, seeded[1].Id, new EkmOrderChange { FireWebhook = false });
        var added = ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING" }, fireWebhook: false);

        var later = (await ekm.ReadAllAsync(connection, after: position)).SelectMany(p => p.Orders).Select(o => o.ChannelOrderId).ToList();

        Assert.Equal([seeded[1].Id.ToString(), added.Id.ToString()], later);
    }

    [Fact]
    public async Task An_order_is_mapped_with_its_lines_address_and_shipping_method()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        var seeded = ekm.Simulator.AddOrder(username, new EkmOrderSeed
        {
            Status = "PROCESSING",
            DeliveryMethod = "Royal Mail Tracked 24",
            Lines = [new EkmOrderLineSeed { ProductCode = "MUG-BLUE", Quantity = 2, ItemPrice = 6.5 }, new EkmOrderLineSeed { ProductCode = "TEE-M-BLK" }],
        }, fireWebhook: false);
        var summary = (await ekm.ReadAllAsync(connection)).SelectMany(p => p.Orders).Single();

        var order = await ekm.Channel.GetOrderAsync(connection, summary, CancellationToken.None);

        Assert.Equal(seeded.OrderNumber, order.OrderNumber);
        Assert.Equal("Royal Mail Tracked 24", order.ShippingMethod);
        Assert.Equal("GBP", order.Currency);
        Assert.Equal("LS1 4DY", order.ShippingAddress!.Postcode);
        Assert.Equal("GB", order.ShippingAddress.CountryCode);
        Assert.Equal(["MUG-BLUE", "TEE-M-BLK"], order.Lines.Select(l => l.Sku));
        Assert.Equal(2, order.Lines[0].Quantity);
        Assert.All(order.Lines, l => Assert.Null(l.ChannelWeightGrams));
    }

    [Fact]
    public async Task A_hint_for_an_order_the_shop_does_not_have_finds_nothing()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);

        var found = await ekm.Get<EkmOrderLookup>().FindEligibleAsync(connection, "987654", Query(connection), CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public async Task Injected_rate_limits_are_waited_out_inside_the_call()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var username = ekm.NewShop();
        var connection = await ekm.ConnectAsync(username);
        ekm.Simulator.AddOrder(username, new EkmOrderSeed { Status = "PROCESSING" }, fireWebhook: false);
        ekm.Simulator.SetFaults(username, new EkmFaults { Next429 = 2 });

        var listed = (await ekm.ReadAllAsync(connection)).SelectMany(p => p.Orders).ToList();

        Assert.Single(listed);
        Assert.Equal(2, ekm.ApiRequests(username).Count(r => r.Status == 429));
    }

    internal static OrderQuery Query(Fulfilment.Connections.ChannelConnection connection)
    {
        var since = DateTimeOffset.UtcNow.AddDays(-7);
        return new OrderQuery(OrderPosition.Before(since), since, EkmSettings.ImportStatusOf(connection));
    }
}
