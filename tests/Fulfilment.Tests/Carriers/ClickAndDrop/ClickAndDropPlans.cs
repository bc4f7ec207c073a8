using Fulfilment.Orders;
using Fulfilment.Shipping;

namespace Fulfilment.Tests.Carriers.ClickAndDrop;

/// <summary>Shipment plans for the Click &amp; Drop tests, built on the demo catalogue.</summary>
internal static class ClickAndDropPlans
{
    public static ShipmentPlan Uk(string reference = "FF-1001-ab12cd34") => new()
    {
        Reference = reference,
        ChannelOrderNumber = "1001",
        Carrier = "ClickAndDrop",
        CarrierAccountId = "rm-demo",
        ServiceCode = "TRM24",
        PackageFormat = "smallParcel",
        OrderDate = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
        Recipient = new Address
        {
            FullName = "Ada Lovelace",
            Line1 = "12 Marylebone Road",
            City = "London",
            Postcode = "NW1 5LR",
            CountryCode = "GB",
            Phone = "020 7946 0000",
            Email = "ada@example.com",
        },
        SenderTradingName = "Demo Store",
        Currency = "GBP",
        Subtotal = 24.00m,
        ShippingCost = 3.95m,
        Total = 27.95m,
        TotalWeightGrams = 530,
        RequiresCustoms = false,
        Lines =
        [
            new ShipmentLine { ChannelLineId = "1", Sku = "MUG-BLUE", Name = "Blue mug", Quantity = 1, UnitValue = 12.00m, UnitWeightGrams = 350 },
            new ShipmentLine { ChannelLineId = "2", Sku = "TEE-M-BLK", Name = "T-shirt M black", Quantity = 1, UnitValue = 12.00m, UnitWeightGrams = 180 },
        ],
    };

    public static ShipmentPlan International(string reference = "FF-1002-0f0e0d0c") => Uk(reference) with
    {
        ServiceCode = "OLP1",
        Recipient = new Address { FullName = "Marie Curie", Line1 = "11 Rue Pierre et Marie Curie", City = "Paris", Postcode = "75005", CountryCode = "fr" },
        RequiresCustoms = true,
        TotalWeightGrams = 410,
        Lines =
        [
            new ShipmentLine
            {
                ChannelLineId = "1", Sku = "CANDLE-SOY", Name = "Soy candle", Quantity = 1, UnitValue = 18.50m, UnitWeightGrams = 410,
                CustomsDescription = "Scented soy wax candle", TariffCode = "3406.00.00.00", OriginCountryCode = "gb",
            },
        ],
    };
}
