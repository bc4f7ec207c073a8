using Fulfilment.Carriers;
using Fulfilment.Orders;
using Fulfilment.Shipping;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>Shipment plans on the demo catalogue.</summary>
internal static class ClickAndDropPlans
{
    public static ShipmentPlan Uk(string reference) => new()
    {
        Reference = reference,
        ChannelOrderNumber = reference,
        Carrier = "ClickAndDrop",
        CarrierAccountId = "rm-demo",
        ServiceCode = "TRM24",
        PackageFormat = "smallParcel",
        OrderDate = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        Recipient = new Address { FullName = "Ada Lovelace", Line1 = "12 Marylebone Road", City = "London", Postcode = "NW1 5LR", CountryCode = "GB" },
        Currency = "GBP",
        Subtotal = 12m,
        ShippingCost = 3.95m,
        Total = 15.95m,
        TotalWeightGrams = 350,
        RequiresCustoms = false,
        Lines = [new ShipmentLine { ChannelLineId = "1", Sku = "MUG-BLUE", Name = "Blue mug", Quantity = 1, UnitValue = 12m, UnitWeightGrams = 350 }],
    };

    public static ShipmentPlan International(string reference, string? origin = "GB") => Uk(reference) with
    {
        ServiceCode = "OLP1",
        Recipient = new Address { FullName = "Marie Curie", Line1 = "11 Rue Pierre et Marie Curie", City = "Paris", Postcode = "75005", CountryCode = "FR" },
        RequiresCustoms = true,
        TotalWeightGrams = 410,
        Lines =
        [
            new ShipmentLine
            {
                ChannelLineId = "1", Sku = "CANDLE-SOY", Name = "Soy candle", Quantity = 1, UnitValue = 18.5m, UnitWeightGrams = 410,
                CustomsDescription = "Soy wax candle", TariffCode = "3406000000", OriginCountryCode = origin,
            },
        ],
    };

    public static IReadOnlyList<ShipmentRequest> Requests(IEnumerable<ShipmentPlan> plans) => plans.Select(p => new ShipmentRequest(p)).ToList();
}
