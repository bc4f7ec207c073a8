using System.Globalization;
using Fulfilment.Channels;
using Fulfilment.Channels.Ecomdash;
using Fulfilment.Partners;
using Sandbox.Ecomdash;

using SimOperations = Sandbox.Ecomdash.EcomdashOperations;

namespace Fulfilment.IntegrationTests.Channels.Ecomdash;

/// <summary>Sync Orders against the simulator: a shipment of the despatched lines, its tracking and carrier id, exactly once.</summary>
public class EcomdashDespatchTests
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static DespatchNotice Notice(EcomdashSeededOrder order, string tracking, params (int Line, int Quantity)[] lines) => new()
    {
        ChannelOrderId = Id(order.OrderId),
        Lines = lines.Select(l => new DespatchLine(Id(order.LineItemIds[l.Line]), l.Quantity)).ToList(),
        TrackingNumber = tracking,
        ShippingCarrier = "RoyalMail",
        ServiceName = "TRM24",
        DespatchedAt = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task A_despatch_becomes_one_shipment_with_its_tracking_number_and_carrier_id()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var order = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { Lines = [new EcomdashLineSeed("MUG-RED", 2)] });

        var result = await harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT100000001GB", (0, 2)), CancellationToken.None);

        Assert.False(result.AlreadyRecorded);
        var shipment = Assert.Single(harness.Simulator.Shipments(merchant.Id, order.OrderId));
        Assert.Equal(Id(shipment.ShipmentId), result.ChannelShipmentId);
        var tracked = Assert.Single(harness.Simulator.TrackingSubmissions(merchant.Id, order.OrderId));
        Assert.Equal("TT100000001GB", tracked.TrackingNumber);
        Assert.Equal(shipment.Items.Single().ShipmentItemId, tracked.Items.Single().ShipmentItemId);
        Assert.Equal(harness.CarrierIds[merchant.Id]["Royal Mail"], tracked.CarrierId);
        Assert.Equal(harness.CarrierIds[merchant.Id]["Royal Mail"], shipment.Items.Single().CarrierId);
        Assert.Equal(EcomdashOrderStatus.Complete, harness.Simulator.OrderStatus(merchant.Id, order.OrderId));
    }

    [Fact]
    public async Task A_second_delivery_of_the_same_despatch_records_nothing_more()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var order = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed());
        await harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT100000002GB", (0, 1)), CancellationToken.None);

        var again = await harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT100000002GB", (0, 1)), CancellationToken.None);

        Assert.True(again.AlreadyRecorded);
        Assert.Single(harness.Simulator.Shipments(merchant.Id, order.OrderId));
        Assert.Single(harness.Simulator.TrackingSubmissions(merchant.Id, order.OrderId));
    }

    [Fact]
    public async Task A_shipment_created_without_an_answer_gets_its_tracking_once_on_the_next_delivery()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var order = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed());
        // Ecomdash creates the shipment, then never answers: we cannot know it exists.
        harness.Simulator.SetFaults(merchant.Id, new EcomdashFaults { TimeoutsAfterActing = 1, AfterActingOperation = SimOperations.CreateShipment, StallFor = TimeSpan.FromSeconds(20) });

        var first = await Assert.ThrowsAsync<EcomdashException>(() => harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT100000003GB", (0, 1)), CancellationToken.None));
        Assert.True(first.IsRetryable);
        Assert.Single(harness.Simulator.Shipments(merchant.Id, order.OrderId));
        Assert.Empty(harness.Simulator.TrackingSubmissions(merchant.Id, order.OrderId));

        var second = await harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT100000003GB", (0, 1)), CancellationToken.None);

        Assert.False(second.AlreadyRecorded);
        var shipment = Assert.Single(harness.Simulator.Shipments(merchant.Id, order.OrderId));
        Assert.Equal(Id(shipment.ShipmentId), second.ChannelShipmentId);
        Assert.Single(harness.Simulator.TrackingSubmissions(merchant.Id, order.OrderId));
    }

    [Fact]
    public async Task Tracking_accepted_without_an_answer_is_not_sent_again()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var order = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed());
        harness.Simulator.SetFaults(merchant.Id, new EcomdashFaults { ServerErrorsAfterActing = 1, AfterActingOperation = SimOperations.SubmitTrackingInfo });

        var first = await Assert.ThrowsAsync<EcomdashException>(() => harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT100000004GB", (0, 1)), CancellationToken.None));
        var second = await harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT100000004GB", (0, 1)), CancellationToken.None);

        Assert.True(first.IsRetryable);
        Assert.True(second.AlreadyRecorded);
        Assert.Single(harness.Simulator.TrackingSubmissions(merchant.Id, order.OrderId));
    }

    [Fact]
    public async Task Partial_shipments_each_get_their_own_tracking_exactly_once()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var order = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { Lines = [new EcomdashLineSeed("MUG-RED", 2), new EcomdashLineSeed("LAMP", 1)] });

        await harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT200000001GB", (0, 1)), CancellationToken.None);
        Assert.Equal(EcomdashOrderStatus.InProcess, harness.Simulator.OrderStatus(merchant.Id, order.OrderId));
        await harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT200000002GB", (0, 1), (1, 1)), CancellationToken.None);
        var repeated = await harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT200000001GB", (0, 1)), CancellationToken.None);

        Assert.True(repeated.AlreadyRecorded);
        var shipments = harness.Simulator.Shipments(merchant.Id, order.OrderId);
        Assert.Equal(2, shipments.Count);
        Assert.Equal([1m], shipments[0].Items.Select(i => i.Quantity));
        Assert.Equal([("TT200000001GB", 1), ("TT200000002GB", 2)],
            harness.Simulator.TrackingSubmissions(merchant.Id, order.OrderId).Select(t => (t.TrackingNumber, t.Items.Count)));
        Assert.Equal(EcomdashOrderStatus.Complete, harness.Simulator.OrderStatus(merchant.Id, order.OrderId));
    }

    [Fact]
    public async Task Digital_lines_are_left_out_of_the_shipment()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var order = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed { Lines = [new EcomdashLineSeed("MUG-RED", 1), new EcomdashLineSeed("GIFT-25") { IsDigital = true }] });

        await harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT300000001GB", (0, 1)), CancellationToken.None);

        Assert.Equal([order.LineItemIds[0]], Assert.Single(harness.Simulator.Shipments(merchant.Id, order.OrderId)).Items.Select(i => i.OrderLineItemId));
        Assert.Equal(EcomdashOrderStatus.Complete, harness.Simulator.OrderStatus(merchant.Id, order.OrderId));
    }

    [Fact]
    public async Task A_carrier_ecomdash_does_not_have_is_refused_before_anything_is_created()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var order = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed());

        var ex = await Assert.ThrowsAsync<EcomdashException>(() => harness.Channel.MarkDespatchedAsync(connection, Notice(order, "EK1", (0, 1)) with { ShippingCarrier = "Ekart" }, CancellationToken.None));

        Assert.Equal(PartnerFailureKind.Rejected, ex.Kind);
        Assert.Contains("no carrier matching \"Ekart\"", ex.Message);
        Assert.Empty(harness.Simulator.Shipments(merchant.Id, order.OrderId));
    }

    [Fact]
    public async Task The_connection_s_carrier_map_names_the_ecomdash_carrier()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        connection.Settings["carriers"] = "Ekart=Evri";
        var order = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed());

        await harness.Channel.MarkDespatchedAsync(connection, Notice(order, "EK2", (0, 1)) with { ShippingCarrier = "Ekart" }, CancellationToken.None);

        var shipment = Assert.Single(harness.Simulator.Shipments(merchant.Id, order.OrderId));
        var item = Assert.Single(shipment.Items);
        Assert.Equal("EK2", item.TrackingNumber);
        Assert.Equal(harness.CarrierIds[merchant.Id]["Evri"], item.CarrierId);
    }

    [Fact]
    public async Task Shipping_more_than_remains_is_ecomdash_s_refusal_in_its_own_words()
    {
        await using var harness = await EcomdashHarness.StartAsync();
        var (connection, merchant) = harness.NewMerchant();
        var order = harness.Simulator.AddOrder(merchant.Id, new EcomdashOrderSeed());

        var ex = await Assert.ThrowsAsync<EcomdashException>(() => harness.Channel.MarkDespatchedAsync(connection, Notice(order, "TT4", (0, 3)), CancellationToken.None));

        Assert.Equal(PartnerFailureKind.Rejected, ex.Kind);
        Assert.Contains("Cannot ship 3", ex.Message);
    }
}
