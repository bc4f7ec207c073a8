using System.Text.Json.Nodes;
using Fulfilment.Channels;
using Fulfilment.Channels.Ecomdash;
using Fulfilment.Channels.Ecomdash.Dtos;

namespace Fulfilment.Tests.Channels.Ecomdash;

public class EcomdashRequestBodyTests
{
    [Fact]
    public void The_orders_filter_asks_for_a_status_from_a_utc_second_one_page_at_a_time()
    {
        var filter = EcomdashMapper.OrdersFilter("InProcess", "CreatedDate", new DateTimeOffset(2026, 11, 27, 9, 0, 5, TimeSpan.FromHours(1)), null, 3, 200);

        Assert.Equal("""{"Status":"InProcess","DateType":"CreatedDate","FromDate":"2026-11-27T08:00:05","Pagination":{"PageNumber":3,"ResultsPerPage":200}}""",
            filter.ToJsonString());
    }

    [Fact]
    public void A_shipment_names_exactly_the_despatched_lines_and_quantities()
    {
        var body = EcomdashMapper.CreateShipment("86901", new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), [new DespatchLine("150001", 1), new DespatchLine("150004", 2)]);

        Assert.Equal("""{"OrderId":86901,"ShippedDate":"2026-11-28T10:00:00","LineItems":[{"OrderLineItemId":150001,"Quantity":1},{"OrderLineItemId":150004,"Quantity":2}]}""",
            body.ToJsonString());
    }

    [Fact]
    public void Tracking_is_an_array_of_one_submission_naming_the_shipment_items_and_the_carrier()
    {
        var shipment = new EdShipment { Id = 61001m, Items = [new EdShipmentItem { Id = 62001m }, new EdShipmentItem { Id = 62002m }] };

        var body = EcomdashMapper.TrackingSubmission(shipment, 4001m, "TT1GB", new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

        var submission = Assert.IsType<JsonObject>(Assert.Single(body));
        Assert.Equal(61001m, submission["ShipmentId"]!.GetValue<decimal>());
        Assert.Equal(4001m, submission["CarrierId"]!.GetValue<decimal>());
        Assert.Equal("TT1GB", submission["TrackingNumber"]!.GetValue<string>());
        Assert.Equal([62001m, 62002m], submission["LineItems"]!.AsArray().Select(i => i!["LineItemId"]!.GetValue<decimal>()));
        Assert.All(submission["LineItems"]!.AsArray(), i => Assert.Equal("TT1GB", i!["TrackingNumber"]!.GetValue<string>()));
    }

    [Fact]
    public void Quantities_name_a_warehouse_only_when_one_is_known()
    {
        var body = EcomdashMapper.QuantityUpdates([("MUG-RED", 40, 3001m), ("LAMP", 0, null)]);

        Assert.Equal("""[{"Sku":"MUG-RED","Quantity":40,"WarehouseId":3001},{"Sku":"LAMP","Quantity":0}]""", body.ToJsonString());
    }

    [Fact]
    public void A_price_update_is_the_product_as_read_with_the_new_price_and_without_its_stock()
    {
        var product = JsonNode.Parse(EcomdashFixtures.Text("get-product.json"))!.AsObject();

        var body = EcomdashMapper.PriceUpdate(product, 9.25m, ["quantityonhand", "Warehouses"]);

        Assert.Equal(9.25m, body["GlobalListingAttributes"]!["Price"]!.GetValue<decimal>());
        Assert.False(body.ContainsKey("QuantityOnHand"));
        Assert.False(body.ContainsKey("Warehouses"));
        Assert.Equal("MUG-RED", body["Sku"]!.GetValue<string>());
        Assert.Equal(8.5m, product["GlobalListingAttributes"]!["Price"]!.GetValue<decimal>()); // the product read is left as it was
    }
}
