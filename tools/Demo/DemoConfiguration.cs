namespace Demo;

/// <summary>What an operator would configure for the demo store: catalogue, shipping mappings.</summary>
public static class DemoConfiguration
{
    public static readonly object[] Products =
    [
        new { sku = "MUG-BLUE", name = "Blue enamel mug", weightGrams = 350, heightMm = 100, widthMm = 100, depthMm = 100, customsDescription = "Enamel mug", tariffCode = "7323940010", originCountryCode = "GB" },
        new { sku = "TEE-M-BLK", name = "Black T-shirt (M)", weightGrams = 180, customsDescription = "Cotton T-shirt", tariffCode = "6109100010", originCountryCode = "PT" },
        new { sku = "POSTER-A2", name = "A2 art poster", weightGrams = 220, customsDescription = "Printed poster", tariffCode = "4911910000", originCountryCode = "GB" },
        new { sku = "NOTEBOOK-A5", name = "A5 dot-grid notebook", weightGrams = 300, customsDescription = "Paper notebook", tariffCode = "4820102000", originCountryCode = "GB" },
        new { sku = "CANDLE-SOY", name = "Soy wax candle", weightGrams = 410, customsDescription = "Soy wax candle", tariffCode = "3406000000", originCountryCode = "GB" },
    ];

    public static readonly object[] Mappings =
    [
        new { connectionId = "*", shippingMethod = "Royal Mail Tracked 24", carrier = "ClickAndDrop", carrierAccountId = DevStack.ClickAndDropAccountId, serviceCode = "TRM24", packageFormat = "smallParcel" },
        new { connectionId = "*", shippingMethod = "Royal Mail 1st Class", carrier = "ClickAndDrop", carrierAccountId = DevStack.ClickAndDropAccountId, serviceCode = "CRL1", packageFormat = "largeLetter" },
        new { connectionId = "*", shippingMethod = "International Standard", carrier = "ClickAndDrop", carrierAccountId = DevStack.ClickAndDropAccountId, serviceCode = "OLA", packageFormat = "smallParcel" },
    ];
}
