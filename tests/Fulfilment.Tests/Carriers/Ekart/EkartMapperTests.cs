using Fulfilment.Carriers.Ekart;
using Fulfilment.Orders;
using static Fulfilment.Tests.Carriers.Ekart.EkartPlans;

namespace Fulfilment.Tests.Carriers.Ekart;

public class EkartMapperTests
{
    private static readonly IReadOnlySet<int> Hsn8 = new HashSet<int> { 8 };

    [Fact]
    public void A_prepaid_indian_order_becomes_a_forward_shipment_from_the_location_code()
    {
        var mapped = EkartMapper.ToServiceDetail(India(), WithLocation, TrackingId, Hsn8);

        Assert.False(mapped.IsRejected, mapped.Rejection);
        var detail = mapped.Detail!;
        Assert.Equal("FORWARD", detail.ServiceLeg);
        Assert.Equal(0m, detail.ServiceData.AmountToCollect);
        Assert.Equal("SMALL", detail.ServiceData.DeliveryType);
        Assert.Equal("FFQ_BLR_01", detail.ServiceData.Source.LocationCode);
        Assert.Null(detail.ServiceData.Source.Address);
        Assert.Equal(detail.ServiceData.Source, detail.ServiceData.ReturnLocation);
        var to = detail.ServiceData.Destination.Address!;
        Assert.Equal(("Ananya Rao", "560001", "9845012345", "Karnataka", "Flat 3B"), (to.FirstName, to.Pincode, to.PrimaryContactNumber, to.State, to.AddressLine2));
        Assert.Equal((TrackingId, 1499m), (detail.Shipment.TrackingId, detail.Shipment.ShipmentValue));
        Assert.Equal(EkartMapper.ClientReference(India().Reference), detail.Shipment.ClientReferenceId);
        Assert.Equal(0.45m, detail.Shipment.ShipmentDimensions.Weight.Value);
        var item = Assert.Single(detail.Shipment.ShipmentItems);
        Assert.Equal(("KURTA-COTTON", "62114290", 1), (item.ProductId, item.Hsn, item.Quantity));
        Assert.Equal(("Demo Goods India", "29ABCDE1234F1Z5"), (item.SellerDetails!.SellerRegName, item.SellerDetails.GstinId));
        Assert.Contains(item.ItemAttributes, a => a is { Name: "order_id", Value: "1001" });
    }

    [Fact]
    public void Cash_on_delivery_collects_the_order_total()
    {
        var detail = EkartMapper.ToServiceDetail(India() with { CashOnDelivery = true }, WithLocation, "FFQC0000000042", Hsn8).Detail!;

        Assert.Equal(1499m, detail.ServiceData.AmountToCollect);
    }

    [Fact]
    public void Without_a_location_code_the_full_pickup_address_is_sent()
    {
        var source = EkartMapper.ToServiceDetail(India(), WithAddress, TrackingId, Hsn8).Detail!.ServiceData.Source;

        Assert.Null(source.LocationCode);
        Assert.Equal(("Plot 7, Whitefield", "560066", "9845012345"), (source.Address!.AddressLine1, source.Address.Pincode, source.Address.PrimaryContactNumber));
    }

    [Fact]
    public void Hsn_codes_of_other_lengths_are_left_out_unless_allowed()
    {
        var plan = India() with { Lines = [India().Lines[0] with { TariffCode = "6211" }] };

        Assert.Null(EkartMapper.ToServiceDetail(plan, WithLocation, TrackingId, Hsn8).Detail!.Shipment.ShipmentItems[0].Hsn);
        Assert.Equal("6211", EkartMapper.ToServiceDetail(plan, WithLocation, TrackingId, new HashSet<int> { 4, 6, 8 }).Detail!.Shipment.ShipmentItems[0].Hsn);
    }

    [Fact]
    public void The_catalogue_box_is_used_when_known_and_a_default_box_for_the_delivery_type_otherwise()
    {
        var known = EkartMapper.ToServiceDetail(India() with { Dimensions = new Fulfilment.Shipping.Dimensions(100, 200, 300) }, WithLocation, TrackingId, Hsn8);
        var large = EkartMapper.ToServiceDetail(India() with { PackageFormat = "large" }, WithLocation, TrackingId, Hsn8);

        var d = known.Detail!.Shipment.ShipmentDimensions;
        Assert.Equal((30m, 20m, 10m), (d.Length.Value, d.Breadth.Value, d.Height.Value));
        Assert.Equal("LARGE", large.Detail!.ServiceData.DeliveryType);
        Assert.Equal(60m, large.Detail.Shipment.ShipmentDimensions.Length.Value);
    }

    [Theory]
    [InlineData("GB", "560001", "+91 98450 12345", "India only")]
    [InlineData("IN", "06001", "+91 98450 12345", "PIN code")]
    [InlineData("IN", "560001", "12345", "10-digit Indian phone")]
    public void A_shipment_ekart_would_refuse_is_rejected_without_a_call(string country, string pincode, string phone, string reason)
    {
        var plan = India() with { Recipient = India().Recipient with { CountryCode = country, Postcode = pincode, Phone = phone } };

        var mapped = EkartMapper.ToServiceDetail(plan, WithLocation, TrackingId, Hsn8);

        Assert.True(mapped.IsRejected);
        Assert.Contains(reason, mapped.Rejection);
    }

    [Fact]
    public void Cash_on_delivery_above_ekarts_limit_and_a_missing_state_are_rejected_with_reasons()
    {
        var plan = India() with { CashOnDelivery = true, Total = 60000m, Recipient = India().Recipient with { County = null } };

        var rejection = EkartMapper.ToServiceDetail(plan, WithLocation, "FFQC0000000042", Hsn8).Rejection;

        Assert.Contains("above Ekart's limit", rejection);
        Assert.Contains("state is missing", rejection);
    }

    [Fact]
    public void A_name_in_another_script_cannot_be_sent_and_says_so()
    {
        var plan = India() with { Recipient = India().Recipient with { FullName = "अनन्या राव" } };

        Assert.Contains("Latin letters", EkartMapper.ToServiceDetail(plan, WithLocation, TrackingId, Hsn8).Rejection);
    }

    [Fact]
    public void An_account_with_neither_location_nor_address_is_a_rejection()
    {
        var account = WithLocation with { Pickup = new EkartPickup(null, null) };

        Assert.Contains("neither a location code nor a whole pickup address", EkartMapper.ToServiceDetail(India(), account, TrackingId, Hsn8).Rejection);
    }

    [Fact]
    public void Shipments_are_grouped_by_service_code_in_one_request()
    {
        var a = EkartMapper.ToServiceDetail(India("a"), WithLocation, "FFQP0000000001", Hsn8);
        var b = EkartMapper.ToServiceDetail(India("b") with { ServiceCode = "ECONOMY" }, WithLocation, "FFQP0000000002", Hsn8);
        var c = EkartMapper.ToServiceDetail(India("c"), WithLocation, "FFQP0000000003", Hsn8);

        var request = EkartMapper.ToCreateRequest("FFQ", "NON_ESSENTIAL", [a, b, c]);

        Assert.Equal("FFQ", request.ClientName);
        Assert.Equal([("REGULAR", 2), ("ECONOMY", 1)], request.Services.Select(s => (s.ServiceCode, s.ServiceDetails.Count)));
    }

    [Fact]
    public void The_client_reference_is_fifteen_characters_the_same_for_the_same_order_and_different_for_another()
    {
        var a = EkartMapper.ClientReference("FF-1001-ab12cd34");

        Assert.Matches("^FF[A-Z2-7]{13}$", a);
        Assert.Equal(a, EkartMapper.ClientReference("FF-1001-ab12cd34"));
        Assert.NotEqual(a, EkartMapper.ClientReference("FF-1002-ab12cd34"));
    }

    [Theory]
    [InlineData("Ananyā Rao", "Ananya Rao")]
    [InlineData("  José   Müller ", "Jose Muller")]
    [InlineData("राव", null)]
    public void Text_is_sent_as_printable_ascii(string input, string? expected) => Assert.Equal(expected, EkartMapper.Ascii(input, 100));
}
