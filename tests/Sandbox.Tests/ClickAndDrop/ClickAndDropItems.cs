namespace Sandbox.Tests.ClickAndDrop;

/// <summary>CreateOrderRequest items as JSON text, each valid unless a test changes it.</summary>
internal static class ClickAndDropItems
{
    /// <summary>A UK order with one letter-sized package.</summary>
    public static string Uk(string reference = "R-1", string? extra = null) =>
        $$$"""{"orderReference":"{{{reference}}}","recipient":{"address":{"fullName":"Ada Lovelace","addressLine1":"1 High St","city":"Leeds","postcode":"LS1 1AA","countryCode":"GB"}},"orderDate":"2026-11-23T09:00:00Z","subtotal":1,"shippingCostCharged":1,"total":2,"packages":[{"weightInGrams":100,"packageFormatIdentifier":"letter"}]{{{Extra(extra)}}}}""";

    /// <summary>An order to Belfast (a BT postcode); <paramref name="company"/> makes the recipient a business.</summary>
    public static string NorthernIreland(string reference, string? company = null, string? extra = null) =>
        $$$"""{"orderReference":"{{{reference}}}","recipient":{"address":{"fullName":"Rosalind Franklin",{{{(company is null ? "" : $"\"companyName\":\"{company}\",")}}}"addressLine1":"2 Donegall Sq","city":"Belfast","postcode":"BT1 5GS","countryCode":"GB"}},"orderDate":"2026-11-23T09:00:00Z","subtotal":10,"shippingCostCharged":3,"total":13,"packages":[{"weightInGrams":300,"packageFormatIdentifier":"smallParcel"}]{{{Extra(extra)}}}}""";

    /// <summary>An order to Paris with customs data on its one line.</summary>
    public static string France(string reference, string? extra = null) =>
        $$$"""{"orderReference":"{{{reference}}}","recipient":{"address":{"fullName":"Marie Curie","addressLine1":"11 Rue Pierre et Marie Curie","city":"Paris","postcode":"75005","countryCode":"FR"}},"orderDate":"2026-11-23T09:00:00Z","subtotal":18.5,"shippingCostCharged":5,"total":23.5,"packages":[{"weightInGrams":410,"packageFormatIdentifier":"smallParcel","contents":[{"name":"Soy candle","SKU":"CANDLE-SOY","quantity":1,"unitValue":18.5,"unitWeightInGrams":410,"customsDescription":"Soy wax candle","originCountryCode":"GB"}]}]{{{Extra(extra)}}}}""";

    private static string Extra(string? extra) => extra is null ? "" : "," + extra;
}
