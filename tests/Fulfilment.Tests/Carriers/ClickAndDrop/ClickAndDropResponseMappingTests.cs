using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Carriers.ClickAndDrop.Dtos;
using Xunit;

namespace Fulfilment.Tests.Carriers.ClickAndDrop;

public class ClickAndDropResponseMappingTests
{
    private static T Fixture<T>(string name, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ClickAndDrop", name)), type)!;

    [Fact]
    public void Partial_success_maps_each_order_to_created_or_rejected()
    {
        var result = ClickAndDropMapper.ToBatchResult(Fixture("create-orders-partial.json", ClickAndDropJson.Default.CreateOrdersResponse));

        Assert.Equal(
            [("FF-1001-ab12cd34", "1001", null), ("FF-1002-0f0e0d0c", "1002", "TT123456785GB")],
            result.Created.Select(c => (c.Reference, c.CarrierShipmentId, c.TrackingNumber)));
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal("FF-1003-99aa88bb", rejected.Reference);
        Assert.Contains("Customs description is required (packages[0].contents[0].customsDescription)", rejected.Reason);
        Assert.Contains("Postcode too long (recipient.address.postcode)", rejected.Reason);
        Assert.DoesNotContain("75001-75001", rejected.Reason); // field values may be personal data
    }

    [Fact]
    public void Created_orders_carry_their_label_or_why_it_did_not_come()
    {
        var result = ClickAndDropMapper.ToBatchResult(Fixture("create-orders-with-labels.json", ClickAndDropJson.Default.CreateOrdersResponse), labelsAsked: true);

        var (labelled, errored, notPdf, silent) = (result.Created[0], result.Created[1], result.Created[2], result.Created[3]);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(labelled.LabelPdf!));
        Assert.Null(labelled.LabelMissing);
        Assert.Equal("TT123456785GB", labelled.TrackingNumber);
        Assert.Null(errored.LabelPdf);
        Assert.Equal("Click & Drop gave no label with the order: LabelGenerationFailed: The label could not be generated for this order.", errored.LabelMissing);
        Assert.Null(notPdf.LabelPdf);
        Assert.Contains("not a base64 PDF", notPdf.LabelMissing);
        Assert.Null(silent.LabelPdf);
        Assert.Contains("no reason", silent.LabelMissing);
    }

    [Fact]
    public void Created_orders_owe_no_label_when_none_was_asked_for()
    {
        var result = ClickAndDropMapper.ToBatchResult(Fixture("create-orders-with-labels.json", ClickAndDropJson.Default.CreateOrdersResponse));

        Assert.All(result.Created, c => Assert.Equal((null, null), (c.LabelPdf, c.LabelMissing)));
    }

    [Fact]
    public void Failed_order_without_errors_still_has_a_reason()
    {
        Assert.Equal("Click & Drop refused the order without giving a reason.", ClickAndDropMapper.DescribeErrors([]));
    }

    [Fact]
    public void Lookup_maps_printed_shipped_and_tracking_falling_back_to_the_first_package()
    {
        var statuses = Fixture("get-orders.json", ClickAndDropJson.Default.ListGetOrderInfoResource).Select(ClickAndDropMapper.ToStatus).ToList();

        Assert.Equal("1001", statuses[0].CarrierShipmentId);
        Assert.Equal("FF-1001-ab12cd34", statuses[0].Reference);
        Assert.Equal("TT123456785GB", statuses[0].TrackingNumber);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T11:00:00Z"), statuses[0].LabelPrintedAt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T16:30:00Z"), statuses[0].DespatchedAt);
        Assert.Equal("TT000000013GB", statuses[1].TrackingNumber);
        Assert.Null(statuses[1].DespatchedAt);
        Assert.Null(statuses[2].TrackingNumber);
        Assert.Null(statuses[2].LabelPrintedAt);
    }
}
