using Fulfilment.Channels;

namespace Fulfilment.Listings;

/// <summary>
/// How identifiers are compared when linking: SKUs trimmed and without regard to case (channels look them up so);
/// UPCs and EANs as GTINs, digits only and without leading zeros, so "012345678905" is the GTIN-14 "00012345678905".
/// </summary>
public static class ListingKeys
{
    /// <summary>The comparable form of an identifier; null when it has none (blank, or a barcode with no digits).</summary>
    public static string? Normalise(ListingIdentifier kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (kind == ListingIdentifier.Sku)
            return value.Trim().ToUpperInvariant();
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray()).TrimStart('0');
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>Our product's identifier of a kind.</summary>
    public static string? Of(Catalogue.Product product, ListingIdentifier kind) => kind switch
    {
        ListingIdentifier.Sku => product.Sku,
        ListingIdentifier.Upc => product.Upc,
        _ => product.Ean,
    };

    /// <summary>A channel product's identifier of a kind.</summary>
    public static string? Of(ChannelListing listing, ListingIdentifier kind) => kind switch
    {
        ListingIdentifier.Sku => listing.Sku,
        ListingIdentifier.Upc => listing.Upc,
        _ => listing.Ean,
    };
}
