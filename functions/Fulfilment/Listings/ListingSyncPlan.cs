using System.Globalization;
using Fulfilment.Catalogue;
using Fulfilment.Channels;

namespace Fulfilment.Listings;

/// <summary>
/// What a linked listing needs pushed: the catalogue's quantities and price, compared as text with what was last
/// applied, so only changes are sent (everything with a full sync, and everything again after a failed push). Pure.
/// </summary>
public static class ListingSyncPlan
{
    /// <summary>"MAIN=40;LEEDS=12" (codes in order) or "=40" for a total; null when the catalogue has no stock figure.</summary>
    public static string? QuantitiesText(Product product)
    {
        if (product.WarehouseQuantities is { Count: > 0 } warehouses)
            return string.Join(';', warehouses.OrderBy(w => w.Key, StringComparer.OrdinalIgnoreCase).Select(w => $"{w.Key}={w.Value.ToString(CultureInfo.InvariantCulture)}"));
        return product.QuantityOnHand is { } total ? "=" + total.ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The price without trailing zeros (12.50 and 12.5 are one price); null when the catalogue has none.</summary>
    public static string? PriceText(Product product) => product.Price?.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>What to push for the listing now; null when nothing changed.</summary>
    public static ListingUpdate? Update(Listing listing, Product product, bool full)
    {
        if (listing.ChannelProductId is null || listing.ChannelSku is null)
            return null;
        var retry = full || listing.SyncProblem is not null;
        var quantities = QuantitiesText(product);
        var price = PriceText(product);
        var sendQuantities = quantities is not null && (retry || quantities != listing.SyncedQuantities);
        var sendPrice = price is not null && (retry || price != listing.SyncedPrice);
        if (!sendQuantities && !sendPrice)
            return null;
        return new ListingUpdate
        {
            Sku = listing.Sku,
            ChannelProductId = listing.ChannelProductId,
            ChannelSku = listing.ChannelSku,
            Quantities = sendQuantities ? Quantities(product, listing.SyncedQuantities) : null,
            Price = sendPrice ? product.Price : null,
        };
    }

    /// <summary>What to record once the channel answered: the parts applied become the new "last applied"; problems are kept in words.</summary>
    public static SyncOutcome Outcome(ListingUpdate update, Product product, ListingUpdateResult result)
    {
        var problems = new[] { result.QuantityProblem, result.PriceProblem }.OfType<string>().ToList();
        return new SyncOutcome(update.Sku,
            update.Quantities is not null && result.QuantityProblem is null ? QuantitiesText(product) : null,
            update.Price is not null && result.PriceProblem is null ? PriceText(product) : null,
            problems.Count == 0 ? null : string.Join(" ", problems));
    }

    /// <summary>
    /// Per-warehouse stock, with 0 for a warehouse we pushed before and no longer keep the product in (so the channel
    /// does not go on selling stock that moved); or the total, for the channel's default warehouse.
    /// </summary>
    private static IReadOnlyList<WarehouseQuantity> Quantities(Product product, string? previouslyApplied)
    {
        if (product.WarehouseQuantities is not { Count: > 0 } warehouses)
            return [new WarehouseQuantity(null, product.QuantityOnHand ?? 0)];
        var now = warehouses.OrderBy(w => w.Key, StringComparer.OrdinalIgnoreCase).Select(w => new WarehouseQuantity(w.Key, w.Value)).ToList();
        var gone = (previouslyApplied ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=')[0])
            .Where(code => code.Length > 0 && !warehouses.ContainsKey(code))
            .Select(code => new WarehouseQuantity(code, 0));
        return [.. now, .. gone];
    }
}
