using System.Globalization;

namespace Fulfilment.Shipping;

/// <summary>What routing knows of an order: where it goes, what it weighs, what it is worth and how the customer chose to ship.</summary>
public sealed record RoutingFacts(string DestinationCountry, int WeightGrams, decimal OrderValue, string Currency, string ShippingMethod);

/// <summary>The target chosen and why (for the order's history), or, with no target, why none was.</summary>
public sealed record RoutingDecision(ShippingTarget? Target, string Explanation);

/// <summary>
/// Chooses how an order ships: the trading name's routing rules in order, then their default, then the shipping mapping
/// of the order's shipping method. Pure, so every rule is unit-testable.
/// </summary>
public static class ShippingRouter
{
    public static RoutingDecision Route(RoutingRuleSet? rules, ShippingMapping? mapping, RoutingFacts facts)
    {
        if (rules is not null)
        {
            for (var i = 0; i < rules.Rules.Count; i++)
            {
                var rule = rules.Rules[i];
                if (Matches(rule.When, facts))
                    return new RoutingDecision(rule.Use, $"routing rule {i + 1}{(rule.Name is { Length: > 0 } name ? $" '{name}'" : "")} of {rules.TradingName}");
            }
            if (rules.Default is { } fallback)
                return new RoutingDecision(fallback, $"the default routing of {rules.TradingName}");
        }
        if (mapping is not null)
            return new RoutingDecision(Target(mapping), $"the shipping mapping of '{mapping.ShippingMethod}'");

        var noMapping = $"No shipping mapping for shipping method '{facts.ShippingMethod}'; add one, then replay the order.";
        return rules is null
            ? new RoutingDecision(null, noMapping)
            : new RoutingDecision(null,
                $"No routing rule of {rules.TradingName} matches the order ({Describe(facts)}) and it has no default. {noMapping}");
    }

    public static bool Matches(RoutingConditions when, RoutingFacts facts)
    {
        if (when.DestinationCountries is { Count: > 0 } countries
            && !countries.Any(c => string.Equals(c.Trim(), facts.DestinationCountry.Trim(), StringComparison.OrdinalIgnoreCase)))
            return false;
        if (when.MinWeightGrams is { } minWeight && facts.WeightGrams < minWeight) return false;
        if (when.MaxWeightGrams is { } maxWeight && facts.WeightGrams > maxWeight) return false;
        if (when.MinOrderValue is not null || when.MaxOrderValue is not null)
        {
            if (when.Currency is { Length: > 0 } currency && !string.Equals(currency.Trim(), facts.Currency.Trim(), StringComparison.OrdinalIgnoreCase))
                return false;
            if (when.MinOrderValue is { } minValue && facts.OrderValue < minValue) return false;
            if (when.MaxOrderValue is { } maxValue && facts.OrderValue > maxValue) return false;
        }
        if (when.ShippingMethods is { Count: > 0 } methods)
        {
            var chosen = ShippingMapping.NormaliseMethod(facts.ShippingMethod);
            if (!methods.Any(m => ShippingMapping.NormaliseMethod(m) == chosen))
                return false;
        }
        return true;
    }

    public static ShippingTarget Target(ShippingMapping mapping) => new()
    {
        Carrier = mapping.Carrier,
        CarrierAccountId = mapping.CarrierAccountId,
        ServiceCode = mapping.ServiceCode,
        PackageFormat = mapping.PackageFormat,
    };

    private static string Describe(RoutingFacts facts) => string.Create(CultureInfo.InvariantCulture,
        $"destination {facts.DestinationCountry}, {facts.WeightGrams} g, {facts.Currency} {facts.OrderValue:0.00}, shipping method '{facts.ShippingMethod}'");
}
