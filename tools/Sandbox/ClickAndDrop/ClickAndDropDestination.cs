namespace Sandbox.ClickAndDrop;

/// <summary>Where an order goes, as far as the validation rules care: customs outside the UK, extra data for Northern Ireland.</summary>
public sealed record ClickAndDropDestination(string? CountryCode, string? Postcode, string? CompanyName)
{
    public static readonly ClickAndDropDestination Unknown = new(null, null, null);

    // The UK customs territory (and the codes people use for it); everything else needs customs data.
    private static readonly HashSet<string> Domestic = new(StringComparer.OrdinalIgnoreCase) { "GB", "UK", "GBR", "IM" };

    // Northern Ireland is GB with a BT postcode; "XI" is the code some systems use for it (UNCONFIRMED that Click & Drop accepts it).
    private static readonly HashSet<string> NorthernIrelandCountries = new(StringComparer.OrdinalIgnoreCase) { "GB", "UK", "GBR", "XI" };

    public bool NeedsCustoms => !string.IsNullOrWhiteSpace(CountryCode) && !Domestic.Contains(CountryCode) && !IsNorthernIreland;

    /// <summary>A Northern Ireland address: every BT postcode district (BT1–BT94) is there.</summary>
    public bool IsNorthernIreland
    {
        get
        {
            if (CountryCode is null || !NorthernIrelandCountries.Contains(CountryCode.Trim())) return false;
            var postcode = (Postcode ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            return postcode.Length > 2 && postcode.StartsWith("BT", StringComparison.Ordinal) && char.IsAsciiDigit(postcode[2]);
        }
    }
}
