using Fulfilment.Catalogue;
using Fulfilment.Channels;

namespace Fulfilment.Listings;

/// <summary>
/// Decides links for a set of listings, one identifier at a time in the channel's order (SKU, then UPC, then EAN): the
/// first identifier that finds anything decides, one product links it, several make it Ambiguous; none at all leaves
/// it Unmatched. A channel product claimed by two of our listings (or already linked to another) links neither. Pure:
/// the caller asks the channel for <see cref="Values"/> and hands back what it found.
/// </summary>
public sealed class ListingMatcher
{
    private readonly string _channel;
    private readonly IReadOnlyDictionary<string, string> _linkedElsewhere;
    private readonly Dictionary<string, Product?> _products;
    private readonly Dictionary<string, (ChannelListing Product, ListingIdentifier By)> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ambiguous = new(StringComparer.Ordinal);

    /// <param name="listings">Our SKUs to link, with their catalogue product (null when the catalogue no longer has it).</param>
    /// <param name="linkedElsewhere">Channel product id → our SKU, for listings already linked and not part of this run.</param>
    public ListingMatcher(string channel, IEnumerable<(string Sku, Product? Product)> listings, IReadOnlyDictionary<string, string> linkedElsewhere)
    {
        _channel = channel;
        _linkedElsewhere = linkedElsewhere;
        _products = listings.ToDictionary(l => l.Sku, l => l.Product, StringComparer.Ordinal);
    }

    /// <summary>Our identifiers of <paramref name="kind"/> for the listings still undecided (to look up on the channel).</summary>
    public IReadOnlyCollection<string> Values(ListingIdentifier kind) =>
        Undecided().Select(p => ListingKeys.Of(p, kind)).Where(v => ListingKeys.Normalise(kind, v) is not null).Select(v => v!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Decides what the channel's products of <paramref name="kind"/> settle (an identifier is compared as <see cref="ListingKeys"/> says).</summary>
    public void Apply(ListingIdentifier kind, IReadOnlyList<ChannelListing> found)
    {
        var index = found
            .Select(f => (Key: ListingKeys.Normalise(kind, ListingKeys.Of(f, kind)), Product: f))
            .Where(f => f.Key is not null)
            .GroupBy(f => f.Key!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.Product).DistinctBy(p => p.ProductId).ToList(), StringComparer.Ordinal);
        foreach (var product in Undecided().ToList())
        {
            if (ListingKeys.Normalise(kind, ListingKeys.Of(product, kind)) is not { } key || !index.TryGetValue(key, out var matches))
                continue;
            if (matches.Count == 1)
                _links[product.Sku] = (matches[0], kind);
            else
                _ambiguous[product.Sku] = $"{Name(kind)} {ListingKeys.Of(product, kind)} matches {matches.Count} {_channel} products ({Describe(matches)}); link it by hand or make the {Name(kind)} unique.";
        }
    }

    /// <summary>The verdict on every listing.</summary>
    public IReadOnlyList<LinkOutcome> Outcomes()
    {
        var claims = _links.GroupBy(l => l.Value.Product.ProductId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(l => l.Key).ToList(), StringComparer.Ordinal);
        var outcomes = new List<LinkOutcome>();
        foreach (var (sku, product) in _products)
        {
            if (product is null)
                outcomes.Add(new LinkOutcome(sku, ListingStatus.Unmatched, null, null, null, $"SKU {sku} is no longer in our catalogue."));
            else if (_ambiguous.TryGetValue(sku, out var why))
                outcomes.Add(new LinkOutcome(sku, ListingStatus.Ambiguous, null, null, null, why));
            else if (_links.TryGetValue(sku, out var link))
            {
                var others = claims[link.Product.ProductId].Where(s => s != sku).ToList();
                if (_linkedElsewhere.TryGetValue(link.Product.ProductId, out var linked) && linked != sku)
                    others.Add(linked);
                outcomes.Add(others.Count == 0
                    ? new LinkOutcome(sku, ListingStatus.Linked, link.Product.ProductId, link.Product.Sku, link.By, null)
                    : new LinkOutcome(sku, ListingStatus.Ambiguous, null, null, null,
                        $"{_channel} product {Describe([link.Product])} matches our SKU {sku} by {Name(link.By)} and also our {string.Join(", ", others.Distinct().Order(StringComparer.Ordinal))}; link one by hand."));
            }
            else
                outcomes.Add(new LinkOutcome(sku, ListingStatus.Unmatched, null, null, null, $"No {_channel} product has {Identifiers(product)}."));
        }
        return outcomes;
    }

    private IEnumerable<Product> Undecided() =>
        _products.Where(p => p.Value is not null && !_links.ContainsKey(p.Key) && !_ambiguous.ContainsKey(p.Key)).Select(p => p.Value!);

    private static string Identifiers(Product product)
    {
        var parts = new List<string> { $"SKU {product.Sku}" };
        if (!string.IsNullOrWhiteSpace(product.Upc))
            parts.Add($"UPC {product.Upc}");
        if (!string.IsNullOrWhiteSpace(product.Ean))
            parts.Add($"EAN {product.Ean}");
        return parts.Count == 1 ? parts[0] : string.Join(", ", parts.SkipLast(1)) + " or " + parts[^1];
    }

    private static string Describe(IEnumerable<ChannelListing> products) => string.Join(", ", products.Select(p => $"{p.ProductId} \"{p.Sku}\""));

    private static string Name(ListingIdentifier kind) => kind switch
    {
        ListingIdentifier.Sku => "SKU",
        ListingIdentifier.Upc => "UPC",
        _ => "EAN",
    };
}
