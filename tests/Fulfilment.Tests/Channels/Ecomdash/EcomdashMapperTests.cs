using Fulfilment.Channels.Ecomdash;
using Fulfilment.Channels.Ecomdash.Dtos;

namespace Fulfilment.Tests.Channels.Ecomdash;

public class EcomdashMapperTests
{
    private static readonly List<EdOrder> Orders = EcomdashFixtures.Data<EdOrder>("get-orders.json");

    [Fact]
    public void Decimal_ids_become_whole_number_ids()
    {
        var order = EcomdashMapper.ToChannelOrder(Orders[0], Orders[0].LineItems!, "GBP");

        Assert.Equal("86901", order.ChannelOrderId);
        Assert.Equal("150001", Assert.Single(order.Lines).LineId);
        Assert.Equal("WEB-1001", order.OrderNumber);
    }

    [Fact]
    public void Dates_without_an_offset_are_utc_and_the_position_is_the_creation_time()
    {
        var order = EcomdashMapper.ToChannelOrder(Orders[0], Orders[0].LineItems!, "GBP");

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 15, 7, TimeSpan.Zero), order.CreatedAt);
        Assert.Equal(order.CreatedAt, order.ModifiedAt);
        Assert.Equal(order.CreatedAt, EcomdashMapper.ToSummary(Orders[0]).ModifiedAt);
    }

    [Fact]
    public void Lines_marked_digital_do_not_ship_and_the_others_do()
    {
        var order = EcomdashMapper.ToChannelOrder(Orders[1], Orders[1].LineItems!, "GBP");

        Assert.Equal([true, false], order.Lines.Select(l => l.IsPhysical));
        Assert.Equal("GIFT-CARD-25", order.Lines[1].Sku);
    }

    [Fact]
    public void Address_method_and_amounts_are_mapped_with_the_connection_currency()
    {
        var order = EcomdashMapper.ToChannelOrder(Orders[1], Orders[1].LineItems!, "EUR");

        Assert.Equal("Next Day", order.ShippingMethod);
        Assert.Equal("EUR", order.Currency);
        Assert.Equal(34m, order.Subtotal);
        Assert.Equal(3.49m, order.ShippingCost);
        Assert.Equal(37.49m, order.Total);
        var address = order.ShippingAddress!;
        Assert.Equal(("Sam Patel", "Patel & Co", "3 High Road", "Flat 2", "Manchester", "M1 1AA", "GB"),
            (address.FullName, address.CompanyName, address.Line1, address.Line2, address.City, address.Postcode, address.CountryCode));
        Assert.Null(order.ImportProblem);
    }

    [Fact]
    public void An_order_with_items_to_ship_and_no_address_needs_attention()
    {
        var order = EcomdashMapper.ToChannelOrder(Orders[0] with { ShipToContact = null }, Orders[0].LineItems!, "GBP");

        Assert.Contains("no ship-to address", order.ImportProblem);
    }

    [Fact]
    public void A_fractional_quantity_is_reported_not_rounded()
    {
        var lines = new List<EdLineItem> { Orders[0].LineItems![0] with { QuantitySold = 1.5m } };

        var order = EcomdashMapper.ToChannelOrder(Orders[0], lines, "GBP");

        Assert.Empty(order.Lines);
        Assert.Contains("1.5", order.ImportProblem);
    }

    [Fact]
    public void An_order_id_that_is_not_a_whole_number_is_refused()
    {
        var ex = Assert.Throws<EcomdashException>(() => EcomdashMapper.ToSummary(Orders[0] with { EcomdashId = 12.5m }));

        Assert.Equal(Fulfilment.Partners.PartnerFailureKind.Rejected, ex.Kind);
    }

    [Theory]
    [InlineData("gb", "GB")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("USA", "US")]
    [InlineData(" India ", "IN")]
    [InlineData("Narnia", "Narnia")]
    public void Countries_become_iso_codes_where_they_are_known(string given, string expected) =>
        Assert.Equal(expected, EcomdashMapper.CountryCode(given));

    [Theory]
    [InlineData("Success", EcomdashStatus.Success)]
    [InlineData("Partial Success", EcomdashStatus.PartialSuccess)]
    [InlineData("PartialSuccess", EcomdashStatus.PartialSuccess)]
    [InlineData("Failure", EcomdashStatus.Failure)]
    [InlineData("Something new", EcomdashStatus.Failure)]
    [InlineData(null, EcomdashStatus.Failure)]
    public void Every_envelope_status_is_read_and_an_unknown_one_counts_as_failure(string? status, EcomdashStatus expected) =>
        Assert.Equal(expected, new EdEnvelope { Status = status }.ParsedStatus);

    [Fact]
    public void Shipments_are_read_with_their_items_tracking_and_carrier()
    {
        var shipment = Assert.Single(EcomdashFixtures.Data<EdShipment>("order-shipments.json"));

        var item = Assert.Single(shipment.Items!);
        Assert.Equal(("61001", "150001", 2m, "TT123456785GB", "4001"),
            (EcomdashIds.Text(shipment.Id), EcomdashIds.Text(item.OrderLineItemId), item.QuantityShipped, item.TrackingNumber, EcomdashIds.Text(item.CompanyCarrier!.Id)));
    }
}
