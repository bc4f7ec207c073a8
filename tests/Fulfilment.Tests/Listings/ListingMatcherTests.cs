using Fulfilment.Catalogue;
using Fulfilment.Channels;
using Fulfilment.Listings;

namespace Fulfilment.Tests.Listings;

public class ListingMatcherTests
{
    private static Product P(string sku, string? upc = null, string? ean = null) => new() { Sku = sku, WeightGrams = 100, Upc = upc, Ean = ean };

    private static readonly IReadOnlyDictionary<string, string> NoneElsewhere = new Dictionary<string, string>();

    /// <summary>Runs a matcher against a channel's products, asking for each identifier in order as the link step does.</summary>
    private static Dictionary<string, LinkOutcome> Link(IEnumerable<Product> ours, IReadOnlyList<ChannelListing> theirs, IReadOnlyDictionary<string, string>? elsewhere = null,
        List<(ListingIdentifier, IReadOnlyCollection<string>)>? asked = null)
    {
        var matcher = new ListingMatcher("Ecomdash", ours.Select(p => (p.Sku, (Product?)p)), elsewhere ?? NoneElsewhere);
        foreach (var kind in new[] { ListingIdentifier.Sku, ListingIdentifier.Upc, ListingIdentifier.Ean })
        {
            var values = matcher.Values(kind);
            asked?.Add((kind, values));
            var found = theirs.Where(t => values.Any(v => ListingKeys.Normalise(kind, v) == ListingKeys.Normalise(kind, ListingKeys.Of(t, kind)))).ToList();
            matcher.Apply(kind, found);
        }
        return matcher.Outcomes().ToDictionary(o => o.Sku);
    }

    [Fact]
    public void Sku_is_tried_first_then_upc_then_ean()
    {
        var outcomes = Link(
            [P("MUG-RED", upc: "012345678905"), P("TEE-M", upc: "5000000000017"), P("LAMP", ean: "4006381333931")],
            [new("1", "mug-red", "999999999999", null, null), new("2", "TEE-MEDIUM", "5000000000017", null, null), new("3", "LAMP-DESK", null, "4006381333931", null)]);

        Assert.Equal((ListingStatus.Linked, "1", "mug-red", ListingIdentifier.Sku), Summary(outcomes["MUG-RED"]));
        Assert.Equal((ListingStatus.Linked, "2", "TEE-MEDIUM", ListingIdentifier.Upc), Summary(outcomes["TEE-M"]));
        Assert.Equal((ListingStatus.Linked, "3", "LAMP-DESK", ListingIdentifier.Ean), Summary(outcomes["LAMP"]));
    }

    [Fact]
    public void Only_listings_still_undecided_are_looked_up_by_the_next_identifier()
    {
        var asked = new List<(ListingIdentifier Kind, IReadOnlyCollection<string> Values)>();
        Link([P("MUG-RED", upc: "012345678905"), P("TEE-M", upc: "5000000000017")], [new("1", "MUG-RED", null, null, null)], asked: asked);

        Assert.Equal(["5000000000017"], asked.Single(a => a.Kind == ListingIdentifier.Upc).Values);
        Assert.Empty(asked.Single(a => a.Kind == ListingIdentifier.Ean).Values);
    }

    [Fact]
    public void A_product_matching_nothing_is_unmatched_and_says_what_was_tried()
    {
        var outcome = Link([P("CANDLE", upc: "036000291452", ean: "4006381333931")], [])["CANDLE"];

        Assert.Equal(ListingStatus.Unmatched, outcome.Status);
        Assert.Equal("No Ecomdash product has SKU CANDLE, UPC 036000291452 or EAN 4006381333931.", outcome.Problem);
    }

    [Fact]
    public void An_identifier_shared_by_several_channel_products_is_ambiguous_and_names_them()
    {
        var outcome = Link([P("TEE", upc: "5000000000017")],
            [new("10", "TEE-S", "5000000000017", null, null), new("11", "TEE-M", "5000000000017", null, null)])["TEE"];

        Assert.Equal(ListingStatus.Ambiguous, outcome.Status);
        Assert.Null(outcome.ChannelProductId);
        Assert.Contains("UPC 5000000000017 matches 2 Ecomdash products", outcome.Problem);
        Assert.Contains("10 \"TEE-S\"", outcome.Problem);
    }

    [Fact]
    public void A_channel_product_two_of_ours_match_links_neither()
    {
        var outcomes = Link([P("A", upc: "012345678905"), P("B", upc: "12345678905")], [new("7", "X", "012345678905", null, null)]);

        Assert.All(outcomes.Values, o => Assert.Equal(ListingStatus.Ambiguous, o.Status));
        Assert.Contains("also our B", outcomes["A"].Problem);
    }

    [Fact]
    public void A_channel_product_linked_to_another_of_ours_already_is_not_linked_twice()
    {
        var outcome = Link([P("NEW", upc: "012345678905")], [new("7", "OLD", "012345678905", null, null)],
            new Dictionary<string, string> { ["7"] = "OLD" })["NEW"];

        Assert.Equal(ListingStatus.Ambiguous, outcome.Status);
        Assert.Contains("also our OLD", outcome.Problem);
    }

    [Fact]
    public void Barcodes_match_as_gtins_whatever_their_leading_zeros()
    {
        var outcome = Link([P("MUG", ean: "0004006381333931")], [new("3", "LAMP-DESK", null, "4006381333931", null)])["MUG"];

        Assert.Equal(ListingStatus.Linked, outcome.Status);
    }

    [Fact]
    public void A_listing_whose_product_left_the_catalogue_is_unmatched()
    {
        var matcher = new ListingMatcher("Ecomdash", [("GONE", null)], NoneElsewhere);

        var outcome = Assert.Single(matcher.Outcomes());
        Assert.Equal(ListingStatus.Unmatched, outcome.Status);
        Assert.Contains("no longer in our catalogue", outcome.Problem);
    }

    private static (ListingStatus, string?, string?, ListingIdentifier?) Summary(LinkOutcome o) => (o.Status, o.ChannelProductId, o.ChannelSku, o.MatchedBy);
}
