using Fulfilment.Orders;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>Where a consignment goes, as far as Click &amp; Drop's extra fields care: Northern Ireland, the EU, the USA.</summary>
public static class ClickAndDropDestinations
{
    // The 27 EU member states (ISO 3166-1 alpha-2), where IOSS applies.
    private static readonly HashSet<string> EuropeanUnion = new(StringComparer.OrdinalIgnoreCase)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
        "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    };

    private static readonly HashSet<string> GreatBritainCodes = new(StringComparer.OrdinalIgnoreCase) { "GB", "UK", "GBR" };

    /// <summary>A Northern Ireland address: a UK country code with a BT postcode (every BT district, BT1–BT94, is there).</summary>
    public static bool IsNorthernIreland(Address address)
    {
        if (address.CountryCode is null || !GreatBritainCodes.Contains(address.CountryCode.Trim()))
            return false;
        var postcode = (address.Postcode ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return postcode.Length > 2 && postcode.StartsWith("BT", StringComparison.Ordinal) && char.IsAsciiDigit(postcode[2]);
    }

    public static bool IsEuropeanUnion(string countryCode) => EuropeanUnion.Contains(countryCode.Trim());

    /// <summary>The spec says deliveryTerm is "required for shipments to the EU and USA" (and defaults to DDU_DAP).</summary>
    public static bool NeedsDeliveryTerm(string countryCode) =>
        IsEuropeanUnion(countryCode) || string.Equals(countryCode.Trim(), "US", StringComparison.OrdinalIgnoreCase);
}
