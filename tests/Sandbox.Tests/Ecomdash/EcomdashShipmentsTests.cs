using System.Text.Json;
using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

public sealed class EcomdashShipmentsTests : EcomdashTestBase
{
    [Fact]
    public async Task Partial_shipment_then_the_rest_completes_the_order_once_tracked()
    {
        var carrier = Sim.AddCarrier(Merchant, "Royal Mail");
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed { Lines = [new("A", 2), new("B", 1)] });

        var first = await CreateAsync(new { OrderId = order.OrderId, LineItems = new[] { new { OrderLineItemId = order.LineItemIds[0], Quantity = 1 } } });
        await TrackAsync(new[] { new { ShipmentId = EcomdashTestHost.Id(first.GetProperty("Id")), CarrierId = carrier, TrackingNumber = "TT000000001GB" } });
        var afterFirst = Sim.OrderStatus(Merchant, order.OrderId);

        var second = await CreateAsync(new { OrderId = order.OrderId });
        await TrackAsync(new[] { new { ShipmentId = EcomdashTestHost.Id(second.GetProperty("Id")), CarrierId = carrier, TrackingNumber = "TT000000002GB" } });

        Assert.Equal(EcomdashOrderStatus.InProcess, afterFirst);
        Assert.Equal(EcomdashOrderStatus.Complete, Sim.OrderStatus(Merchant, order.OrderId));
        var rest = second.GetProperty("Items").EnumerateArray().Select(i => (EcomdashTestHost.Id(i.GetProperty("OrderLineItemId")), i.GetProperty("QuantityShipped").GetDecimal()));
        Assert.Equal([(order.LineItemIds[0], 1m), (order.LineItemIds[1], 1m)], rest);
        Assert.All(Sim.Shipments(Merchant, order.OrderId), s => Assert.Equal("Shipped", s.Status));
    }

    [Fact]
    public async Task Create_answers_shipment_and_item_ids_for_tracking()
    {
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed());

        var shipment = await CreateAsync(new { OrderId = order.OrderId, ShippedDate = "2026-03-02" });

        var recorded = Assert.Single(Sim.Shipments(Merchant, order.OrderId));
        Assert.Equal(recorded.ShipmentId, EcomdashTestHost.Id(shipment.GetProperty("Id")));
        Assert.Equal(order.OrderId, EcomdashTestHost.Id(shipment.GetProperty("EcomdashOrderId")));
        Assert.Equal(recorded.Items[0].ShipmentItemId, EcomdashTestHost.Id(shipment.GetProperty("Items")[0].GetProperty("Id")));
        Assert.Equal("Pending", shipment.GetProperty("Status").GetString());
        Assert.False(shipment.GetProperty("Items")[0].GetProperty("IsShipped").GetBoolean());
    }

    [Fact]
    public async Task Over_shipping_is_refused_and_creates_nothing()
    {
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed { Lines = [new("A", 2), new("B", 1)] });

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("Shipments/Create", new
        {
            OrderId = order.OrderId,
            LineItems = new[] { new { OrderLineItemId = order.LineItemIds[0], Quantity = 1 }, new { OrderLineItemId = order.LineItemIds[1], Quantity = 2 } },
        }));

        Assert.Equal("Failure", envelope.GetProperty("status").GetString());
        Assert.StartsWith("Index 1: Cannot ship 2 of line item", EcomdashTestHost.Messages(envelope)[0]);
        Assert.Empty(Sim.Shipments(Merchant, order.OrderId));
    }

    [Fact]
    public async Task A_second_full_shipment_of_the_same_order_is_refused()
    {
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed());
        await CreateAsync(new { OrderId = order.OrderId });

        var again = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("Shipments/Create", new { OrderId = order.OrderId }));

        Assert.Equal("Failure", again.GetProperty("status").GetString());
        Assert.Single(Sim.Shipments(Merchant, order.OrderId));
    }

    [Fact]
    public async Task Create_without_line_items_ships_every_physical_line_and_leaves_digital_ones()
    {
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed { Lines = [new("BOOK", 1), new("EBOOK", 1) { IsDigital = true }] });

        var shipment = await CreateAsync(new { OrderId = order.OrderId });
        await TrackAsync(new[] { new { ShipmentId = EcomdashTestHost.Id(shipment.GetProperty("Id")), TrackingNumber = "1Z999" } });

        var item = Assert.Single(shipment.GetProperty("Items").EnumerateArray());
        Assert.Equal(order.LineItemIds[0], EcomdashTestHost.Id(item.GetProperty("OrderLineItemId")));
        Assert.Equal(EcomdashOrderStatus.Complete, Sim.OrderStatus(Merchant, order.OrderId));
    }

    [Fact]
    public async Task Tracking_per_line_item_ships_only_those_items()
    {
        var carrier = Sim.AddCarrier(Merchant, "DPD");
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed { Lines = [new("A"), new("B")] });
        var shipment = await CreateAsync(new { OrderId = order.OrderId });
        var items = shipment.GetProperty("Items").EnumerateArray().Select(i => EcomdashTestHost.Id(i.GetProperty("Id"))).ToList();

        var envelope = await TrackAsync(new[]
        {
            new { ShipmentId = EcomdashTestHost.Id(shipment.GetProperty("Id")), LineItems = new[] { new { LineItemId = items[0], CarrierId = carrier, TrackingNumber = "DPD-1" } } },
        });

        Assert.Equal("Success", envelope.GetProperty("status").GetString());
        var recorded = Assert.Single(Sim.Shipments(Merchant, order.OrderId));
        Assert.Equal([true, false], recorded.Items.Select(i => i.IsShipped));
        Assert.Equal("DPD-1", recorded.Items[0].TrackingNumber);
        Assert.Equal(carrier, recorded.Items[0].CarrierId);
        Assert.Equal(EcomdashOrderStatus.InProcess, Sim.OrderStatus(Merchant, order.OrderId));
    }

    [Fact]
    public async Task One_bad_tracking_element_makes_a_partial_success_and_the_good_one_applies()
    {
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed());
        var shipment = await CreateAsync(new { OrderId = order.OrderId });

        var envelope = await TrackAsync(new object[]
        {
            new { ShipmentId = 999999, TrackingNumber = "X" },
            new { ShipmentId = EcomdashTestHost.Id(shipment.GetProperty("Id")), TrackingNumber = "GOOD" },
            new { ShipmentId = EcomdashTestHost.Id(shipment.GetProperty("Id")) },
        });

        Assert.Equal("Partial Success", envelope.GetProperty("status").GetString());
        var messages = EcomdashTestHost.Messages(envelope);
        Assert.StartsWith("Index 0: No shipment", messages[0]);
        Assert.StartsWith("Index 2: TrackingNumber is required", messages[1]);
        Assert.Equal("GOOD", Assert.Single(Sim.TrackingSubmissions(Merchant, order.OrderId)).TrackingNumber);
    }

    [Fact]
    public async Task Tracking_with_a_carrier_the_company_does_not_have_fails()
    {
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed());
        var shipment = await CreateAsync(new { OrderId = order.OrderId });

        var envelope = await TrackAsync(new[] { new { ShipmentId = EcomdashTestHost.Id(shipment.GetProperty("Id")), CarrierId = 42, TrackingNumber = "X" } });

        Assert.Equal("Failure", envelope.GetProperty("status").GetString());
        Assert.Empty(Sim.TrackingSubmissions(Merchant));
    }

    [Fact]
    public async Task Tracking_must_be_an_array_as_on_the_portal()
    {
        var response = await Api.PostAsync("Shipments/submitTrackingInfo", new { ShipmentId = 1, TrackingNumber = "X" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Repeated_tracking_is_recorded_so_a_duplicate_write_back_is_visible()
    {
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed());
        var shipment = await CreateAsync(new { OrderId = order.OrderId });
        var tracking = new[] { new { ShipmentId = EcomdashTestHost.Id(shipment.GetProperty("Id")), TrackingNumber = "TT1" } };

        await TrackAsync(tracking);
        await TrackAsync(tracking);

        Assert.Equal(2, Sim.TrackingSubmissions(Merchant, order.OrderId).Count);
    }

    [Fact]
    public async Task Order_shipments_list_items_with_carrier_and_tracking()
    {
        var carrier = Sim.AddCarrier(Merchant, "Royal Mail");
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed());
        var shipment = await CreateAsync(new { OrderId = order.OrderId });
        await TrackAsync(new[] { new { ShipmentId = EcomdashTestHost.Id(shipment.GetProperty("Id")), CarrierId = carrier, TrackingNumber = "TT9" } });

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync($"orders/{order.OrderId}/shipments"));

        Assert.Equal([$"Found 1 shipments associated with sales order {order.OrderId}"], EcomdashTestHost.Messages(envelope));
        var listed = envelope.GetProperty("data")[0];
        Assert.Equal("Shipped", listed.GetProperty("Status").GetString());
        var item = listed.GetProperty("Items")[0];
        Assert.Equal("Royal Mail", item.GetProperty("CompanyCarrier").GetProperty("Name").GetString());
        Assert.Equal("TT9", item.GetProperty("TrackingNumber").GetString());
        Assert.True(item.GetProperty("IsShipped").GetBoolean());
    }

    [Fact]
    public async Task Carriers_list_gives_the_ids_tracking_needs()
    {
        var id = Sim.AddCarrier(Merchant, "USPS (Endicia)");

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync("carriers"));

        var carrier = Assert.Single(envelope.GetProperty("data").EnumerateArray());
        Assert.Equal(id, EcomdashTestHost.Id(carrier.GetProperty("Id")));
        Assert.Equal("USPS (Endicia)", carrier.GetProperty("Name").GetString());
    }

    private async Task<JsonElement> CreateAsync(object body)
    {
        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("Shipments/Create", body));
        Assert.Equal("Success", envelope.GetProperty("status").GetString());
        return envelope.GetProperty("data");
    }

    private async Task<JsonElement> TrackAsync(object body) =>
        await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("Shipments/submitTrackingInfo", body));
}
