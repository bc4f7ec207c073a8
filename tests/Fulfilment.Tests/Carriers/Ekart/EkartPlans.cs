using Fulfilment.Carriers.Ekart;
using Fulfilment.Orders;
using Fulfilment.Shipping;

namespace Fulfilment.Tests.Carriers.Ekart;

/// <summary>Plans and account settings for the Ekart mapper tests.</summary>
internal static class EkartPlans
{
    public const string TrackingId = "FFQP0000000042";

    public static readonly EkartAccountSettings WithLocation = new("FFQ", new EkartPickup("FFQ_BLR_01", null), "Demo Goods India", "29ABCDE1234F1Z5", 1, 9_999_999_999);

    public static readonly EkartAccountSettings WithAddress = WithLocation with
    {
        Pickup = new EkartPickup(null, new EkartPickupAddress("Demo Goods India", "Plot 7, Whitefield", null, "Bengaluru", "Karnataka", "560066", "9845012345", null)),
    };

    public static ShipmentPlan India(string reference = "FF-1001-ab12cd34") => new()
    {
        Reference = reference,
        ChannelOrderNumber = "1001",
        Carrier = "Ekart",
        CarrierAccountId = "ekart-in",
        ServiceCode = "REGULAR",
        PackageFormat = "SMALL",
        OrderDate = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero),
        Recipient = new Address
        {
            FullName = "Ananyā Rao", Line1 = "14 MG Road", Line2 = "Flat 3B", City = "Bengaluru", County = "Karnataka", Postcode = "560001",
            CountryCode = "IN", Phone = "+91 98450 12345", Email = "ananya@example.in",
        },
        SenderTradingName = "Demo Goods India",
        Currency = "INR",
        Subtotal = 1399m,
        ShippingCost = 100m,
        Total = 1499m,
        TotalWeightGrams = 450,
        RequiresCustoms = false,
        Lines =
        [
            new ShipmentLine { ChannelLineId = "1", Sku = "KURTA-COTTON", Name = "Cotton kurta", Quantity = 1, UnitValue = 1399m, UnitWeightGrams = 450, TariffCode = "6211.42.90" },
        ],
    };
}
