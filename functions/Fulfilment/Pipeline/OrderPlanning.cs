using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Storage;

namespace Fulfilment.Pipeline;

/// <summary>
/// Turns an order's snapshot into its shipment plan (or Skipped / NeedsAttention with the reason) from what we store:
/// the catalogue, the shipping mapping, the trading name's routing rules. Used when an order is first recorded, so an
/// order that needs nothing from its channel is planned in the same write that records it (no normalise message, no
/// second read and write of the order), and by the normalise step, which also looks unknown SKUs up on the channel.
/// </summary>
public sealed class OrderPlanning(CachedSettings settings, IRoutingRuleStore routing, PartnerRegistry partners, TimeProvider time)
{
    /// <summary>The distinct SKUs of the order's physical lines: the ones the catalogue must give weights for.</summary>
    public static List<string> PhysicalSkus(ChannelOrder snapshot) =>
        snapshot.Lines.Where(l => l.IsPhysical && !string.IsNullOrWhiteSpace(l.Sku)).Select(l => l.Sku!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// The plan of an order being recorded, from settings and products kept for a few seconds (a backlog repeats them),
    /// or null when planning needs its channel: a SKU our catalogue lacks, on a channel that lists products, is looked
    /// up there by the normalise step.
    /// </summary>
    public async Task<NormalisationResult?> PlanAtImportAsync(OrderKey key, ChannelOrder snapshot, ChannelConnection connection, CancellationToken cancellationToken)
    {
        var skus = PhysicalSkus(snapshot);
        var found = await settings.ProductsAsync(skus, cancellationToken);
        if (skus.Count > found.Count && partners.FindProducts(connection.Channel) is not null)
            return null;
        return await PlanAsync(key, snapshot, connection, found, cancellationToken);
    }

    /// <summary>Plans the order with the products given (missing SKUs absent).</summary>
    public async Task<NormalisationResult> PlanAsync(OrderKey key, ChannelOrder snapshot, ChannelConnection? connection,
        IReadOnlyDictionary<string, Catalogue.Product> products, CancellationToken cancellationToken)
    {
        var mapping = await settings.MappingAsync(key.ConnectionId, snapshot.ShippingMethod, cancellationToken);
        // Routing rules, where the connection's trading name has them, take precedence over the mapping.
        var rules = connection?.TradingName is { Length: > 0 } tradingName ? await routing.FindAsync(tradingName, cancellationToken) : null;
        var context = new NormalisationContext(
            products,
            mapping,
            connection?.TradingName,
            connection?.MaxOrderAgeDays ?? 7,
            time.GetUtcNow(),
            rules,
            partners.CarrierOrigins());
        return OrderNormaliser.Normalise(key, snapshot, context);
    }

    /// <summary>Moves the order to what planning found (not saved here).</summary>
    public void Apply(FulfilmentOrder order, NormalisationResult result)
    {
        var now = time.GetUtcNow();
        switch (result)
        {
            case NormalisationResult.Planned planned:
                order.Plan = planned.Plan;
                order.MoveTo(OrderState.Normalised, now,
                    $"{planned.Plan.Carrier} {planned.Plan.ServiceCode}, {planned.Plan.TotalWeightGrams} g{(planned.Plan.RoutedBy is { } by ? $" (by {by})" : "")}");
                break;
            case NormalisationResult.Skip skip:
                order.MoveTo(OrderState.Skipped, now, skip.Reason);
                break;
            case NormalisationResult.Attention attention:
                order.MoveTo(OrderState.NeedsAttention, now, attention.Reason);
                break;
        }
    }
}
