using Fulfilment.Catalogue;
using Fulfilment.Orders;
using Fulfilment.Shipping;

namespace Fulfilment.Tests.Orders;

/// <summary>Small factories for orders, products and mappings used by the order tests.</summary>
internal static class OrderBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    public static readonly OrderKey Key = new("bigcommerce-zq3demo01", "101");

    public static ChannelOrderLine Line(string sku, int quantity = 1, bool physical = true, decimal price = 10m, decimal? channelWeight = null) => new()
    {
        LineId = "line-" + sku,
        Sku = sku,
        Name = "Item " + sku,
        Quantity = quantity,
        UnitPrice = price,
        IsPhysical = physical,
        ChannelWeightGrams = channelWeight,
    };

    public static ChannelOrder Order(string country = "GB", string method = "Royal Mail Tracked 24", DateTimeOffset? created = null, params ChannelOrderLine[] lines) => new()
    {
        ChannelOrderId = "101",
        CreatedAt = created ?? Now.AddHours(-2),
        ModifiedAt = created ?? Now.AddHours(-1),
        ChannelStatus = "Awaiting Shipment",
        Currency = "GBP",
        Subtotal = 20m,
        ShippingCost = 3.5m,
        Total = 23.5m,
        ShippingAddress = new Address { FullName = "Ada Lovelace", Line1 = "1 High Street", City = "London", Postcode = country == "GB" ? "SW1A 1AA" : "10115", CountryCode = country },
        ShippingAddressId = "addr-1",
        ShippingMethod = method,
        Lines = lines.Length > 0 ? lines : [Line("MUG-BLUE")],
    };

    public static Product Product(string sku, int grams, string? customs = "Ceramic mug", string? tariff = "6912002310") => new()
    {
        Sku = sku,
        WeightGrams = grams,
        CustomsDescription = customs,
        TariffCode = tariff,
        OriginCountryCode = "GB",
    };

    public static ShippingMapping Mapping(string method = "Royal Mail Tracked 24") => new()
    {
        ConnectionId = ShippingMapping.AnyConnection,
        ShippingMethod = method,
        Carrier = "ClickAndDrop",
        CarrierAccountId = "rm-demo",
        ServiceCode = "TRM24",
        PackageFormat = "smallParcel",
    };

    public static NormalisationContext Context(ShippingMapping? mapping, params Product[] products) =>
        new(products.ToDictionary(p => p.Sku, StringComparer.OrdinalIgnoreCase), mapping, "Demo Goods Ltd", 7, Now);
}
