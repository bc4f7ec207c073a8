using Fulfilment.Catalogue;
using Fulfilment.Shipping;

namespace Fulfilment.Orders;

/// <summary>The outcome of normalising one channel order.</summary>
public abstract record NormalisationResult
{
    private NormalisationResult() { }

    /// <summary>The order ships: here is the plan.</summary>
    public sealed record Planned(ShipmentPlan Plan) : NormalisationResult;

    /// <summary>The order never ships through us (for example all items digital).</summary>
    public sealed record Skip(string Reason) : NormalisationResult;

    /// <summary>The order should ship but cannot as it is; a person must fix the cause, then replay.</summary>
    public sealed record Attention(string Reason) : NormalisationResult;
}

/// <summary>Everything normalisation needs besides the order, already looked up.</summary>
/// <param name="Products">Catalogue entries for the order's SKUs (missing SKUs absent).</param>
/// <param name="Mapping">The shipping mapping for the order's shipping method, if any.</param>
/// <param name="Routing">The routing rules of the connection's trading name, if it has any (they take precedence over the mapping).</param>
/// <param name="CarrierOrigins">The country each carrier ships from, by carrier name (absent: Great Britain).</param>
public sealed record NormalisationContext(
    IReadOnlyDictionary<string, Product> Products,
    ShippingMapping? Mapping,
    string? SenderTradingName,
    int MaxOrderAgeDays,
    DateTimeOffset Now,
    RoutingRuleSet? Routing = null,
    IReadOnlyDictionary<string, string>? CarrierOrigins = null);

/// <summary>
/// Channel order → canonical shipment plan: physical items only, weights and customs data from our catalogue,
/// carrier service from the trading name's routing rules or the shipping mapping (<see cref="ShippingRouter"/>), customs
/// data required when the destination is outside the chosen carrier's country. Pure: all lookups are done before, so
/// every rule is unit-testable.
/// </summary>
public static class OrderNormaliser
{
    public static NormalisationResult Normalise(OrderKey key, ChannelOrder order, NormalisationContext context)
    {
        if (order.CreatedAt < context.Now.AddDays(-context.MaxOrderAgeDays))
            return new NormalisationResult.Skip($"Order is older than {context.MaxOrderAgeDays} days (created {order.CreatedAt:yyyy-MM-dd}).");

        var physical = order.Lines.Where(l => l.IsPhysical && l.Quantity > 0).ToList();
        if (physical.Count == 0)
            return new NormalisationResult.Skip("No physical items to ship (all items are digital).");

        if (order.ImportProblem is { } problem)
            return new NormalisationResult.Attention(problem);

        if (order.ShippingAddress is not { } recipient)
            return new NormalisationResult.Attention("The order has no shipping address.");

        var problems = new List<string>();
        var lines = new List<(ShipmentLine Line, Product Product, string ChannelSku)>();

        foreach (var line in physical)
        {
            if (string.IsNullOrWhiteSpace(line.Sku))
            {
                problems.Add($"Line '{line.Name}' has no SKU, so its weight is unknown.");
                continue;
            }

            if (!context.Products.TryGetValue(line.Sku, out var product))
            {
                // A channel's weight is not trusted for a SKU we have never seen: a person confirms it once in the catalogue.
                var hint = line.ChannelWeightGrams is { } w ? $" (the channel says {w:0.#} g)" : "";
                problems.Add($"SKU '{line.Sku}' is not in the product catalogue{hint}; add it with its weight, then replay the order.");
                continue;
            }

            if (product.WeightGrams <= 0)
            {
                problems.Add($"SKU '{line.Sku}' has no weight in the product catalogue.");
                continue;
            }

            if (!product.WeightConfirmed)
            {
                problems.Add($"SKU '{line.Sku}' has an unconfirmed weight of {product.WeightGrams} g{(product.Source is null ? "" : $" (from {product.Source})")}; confirm or correct it in the product catalogue, then replay the order.");
                continue;
            }

            lines.Add((new ShipmentLine
            {
                ChannelLineId = line.LineId,
                Sku = product.Sku,
                Name = line.Name,
                Quantity = line.Quantity,
                UnitValue = line.UnitPrice,
                UnitWeightGrams = product.WeightGrams,
                CustomsDescription = product.CustomsDescription,
                TariffCode = product.TariffCode,
                OriginCountryCode = product.OriginCountryCode,
            }, product, line.Sku));
        }

        var weight = lines.Sum(l => l.Line.UnitWeightGrams * l.Line.Quantity);
        var route = ShippingRouter.Route(context.Routing, context.Mapping,
            new RoutingFacts(recipient.CountryCode, weight, order.Total, order.Currency, order.ShippingMethod));

        // Customs data depends on where the chosen carrier ships from; without a route, on our default origin.
        var origin = route.Target is { } chosen ? context.CarrierOrigins?.GetValueOrDefault(chosen.Carrier) : null;
        var requiresCustoms = origin is null
            ? CustomsRules.RequiresCustoms(recipient.CountryCode, recipient.Postcode)
            : CustomsRules.RequiresCustoms(origin, recipient.CountryCode, recipient.Postcode);
        if (requiresCustoms)
        {
            var lacking = lines.Where(l => string.IsNullOrWhiteSpace(l.Product.CustomsDescription) || string.IsNullOrWhiteSpace(l.Product.TariffCode)).ToList();
            problems.AddRange(lacking.Select(l => $"SKU '{l.ChannelSku}' needs a customs description and tariff code to ship to {recipient.CountryCode}."));
            lines.RemoveAll(lacking.Contains);
        }

        if (route.Target is null)
            problems.Add(route.Explanation);

        if (problems.Count > 0)
            return new NormalisationResult.Attention(string.Join(" ", problems));

        var target = route.Target!;
        var planned = lines.Select(l => l.Line).ToList();
        var plan = new ShipmentPlan
        {
            Reference = key.CarrierReference,
            ChannelOrderNumber = order.OrderNumber ?? order.ChannelOrderId,
            Carrier = target.Carrier,
            CarrierAccountId = target.CarrierAccountId,
            ServiceCode = target.ServiceCode,
            PackageFormat = target.PackageFormat,
            OrderDate = order.CreatedAt,
            Recipient = recipient,
            SenderTradingName = context.SenderTradingName,
            Currency = order.Currency,
            Subtotal = order.Subtotal,
            ShippingCost = order.ShippingCost,
            Total = order.Total,
            TotalWeightGrams = planned.Sum(l => l.UnitWeightGrams * l.Quantity),
            Dimensions = SinglePackageDimensions(planned, context.Products),
            RequiresCustoms = requiresCustoms,
            Lines = planned,
            SpecialInstructions = order.CustomerNote,
            CashOnDelivery = order.CashOnDelivery,
            RoutedBy = route.Explanation,
        };
        return new NormalisationResult.Planned(plan);
    }

    // Only a single item of a single product has known package dimensions; anything else is packed by hand.
    private static Dimensions? SinglePackageDimensions(List<ShipmentLine> lines, IReadOnlyDictionary<string, Product> products)
    {
        if (lines is not [{ Quantity: 1 } only])
            return null;
        var product = products[only.Sku];
        return product is { HeightMm: > 0, WidthMm: > 0, DepthMm: > 0 }
            ? new Dimensions(product.HeightMm.Value, product.WidthMm.Value, product.DepthMm.Value)
            : null;
    }
}
