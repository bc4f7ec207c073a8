namespace Fulfilment.Shipping;

/// <summary>When a shipment needs customs data. We ship from Great Britain (Click &amp; Drop is a UK service).</summary>
public static class CustomsRules
{
    // Great Britain only: Jersey, Guernsey and the Isle of Man are outside the UK customs territory, and goods to
    // Northern Ireland follow EU rules for commercial shipments, so all of them need customs data.
    private static readonly HashSet<string> DomesticCountries = new(StringComparer.OrdinalIgnoreCase) { "GB", "UK" };

    public static bool RequiresCustoms(string destinationCountryCode, string? destinationPostcode = null)
    {
        if (!DomesticCountries.Contains(destinationCountryCode.Trim()))
            return true;
        // Northern Ireland postcodes start with BT.
        return destinationPostcode is not null && destinationPostcode.Trim().StartsWith("BT", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>From <paramref name="originCountryCode"/> (the chosen carrier's country): customs data is needed to any other country.</summary>
    public static bool RequiresCustoms(string originCountryCode, string destinationCountryCode, string? destinationPostcode)
    {
        if (DomesticCountries.Contains(originCountryCode.Trim()))
            return RequiresCustoms(destinationCountryCode, destinationPostcode);
        return !string.Equals(originCountryCode.Trim(), destinationCountryCode.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
