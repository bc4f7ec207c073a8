using Fulfilment.Carriers;

namespace Fulfilment.Shipping;

/// <summary>Where an order ships, as an operator sends it.</summary>
public sealed record ShippingTargetInput(string? Carrier, string? CarrierAccountId, string? ServiceCode, string? PackageFormat);

/// <summary>One routing rule as an operator sends it.</summary>
public sealed record RoutingRuleInput(string? Name, RoutingConditions? When, ShippingTargetInput? Use);

/// <summary>A trading name's routing rules as an operator sends them (the whole set replaces the stored one).</summary>
public sealed record RoutingRuleSetInput(string? TradingName, IReadOnlyList<RoutingRuleInput?>? Rules, ShippingTargetInput? Default);

/// <summary>
/// Checks a rule set before it is stored, so a typo is refused here rather than parking orders later: each target is
/// checked as a shipping mapping is (carrier registered, account of that carrier, service code and package format the
/// carrier accepts), and each condition must be one that can hold.
/// </summary>
public static class RoutingRuleValidation
{
    public const int MaxRules = 100;
    public const int MaxTradingNameLength = 250;
    public const int MaxListLength = 100;

    public static (RoutingRuleSet? Rules, IReadOnlyList<string> Errors) Validate(RoutingRuleSetInput input,
        IReadOnlyCollection<CarrierDescriptor> carriers, Func<string, string?> accountCarrier, DateTimeOffset now)
    {
        var errors = new List<string>();
        var tradingName = input.TradingName?.Trim();
        if (string.IsNullOrEmpty(tradingName)) errors.Add("tradingName is required (the trading name of the connections these rules route)");
        else if (tradingName.Length > MaxTradingNameLength) errors.Add($"tradingName is longer than {MaxTradingNameLength} characters");

        var inputs = input.Rules ?? [];
        if (inputs.Count > MaxRules) errors.Add($"at most {MaxRules} rules per trading name");
        if (inputs.Count == 0 && input.Default is null) errors.Add("give at least one rule or a default");

        var rules = new List<RoutingRule>();
        for (var i = 0; i < Math.Min(inputs.Count, MaxRules); i++)
        {
            var label = $"rule {i + 1}";
            if (inputs[i] is not { } rule)
            {
                errors.Add($"{label} is null");
                continue;
            }
            if (rule.Name is { Length: > 100 }) errors.Add($"{label}: name is longer than 100 characters");
            var when = Conditions(rule.When ?? new RoutingConditions(), label, errors);
            var target = rule.Use is null ? null : Target(rule.Use, label, carriers, accountCarrier, errors);
            if (rule.Use is null) errors.Add($"{label}: use (carrier, carrierAccountId, serviceCode, packageFormat) is required");
            if (target is not null)
                rules.Add(new RoutingRule { Name = rule.Name?.Trim() is { Length: > 0 } name ? name : null, When = when, Use = target });
        }
        var fallback = input.Default is null ? null : Target(input.Default, "default", carriers, accountCarrier, errors);

        if (errors.Count > 0)
            return (null, errors);
        return (new RoutingRuleSet { TradingName = tradingName!, Rules = rules, Default = fallback, UpdatedAt = now }, []);
    }

    private static RoutingConditions Conditions(RoutingConditions when, string label, List<string> errors)
    {
        var countries = when.DestinationCountries?.Select(c => c?.Trim().ToUpperInvariant() ?? "").ToList();
        if (countries is { Count: > MaxListLength }) errors.Add($"{label}: at most {MaxListLength} destinationCountries");
        foreach (var country in countries ?? [])
            if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
                errors.Add($"{label}: destination country '{country}' is not an ISO 3166-1 alpha-2 code (e.g. IN, GB)");
        if (when.MinWeightGrams is < 0 || when.MaxWeightGrams is < 0) errors.Add($"{label}: weights cannot be negative");
        if (when.MinWeightGrams > when.MaxWeightGrams) errors.Add($"{label}: minWeightGrams is above maxWeightGrams");
        if (when.MinOrderValue is < 0 || when.MaxOrderValue is < 0) errors.Add($"{label}: order values cannot be negative");
        if (when.MinOrderValue > when.MaxOrderValue) errors.Add($"{label}: minOrderValue is above maxOrderValue");
        var currency = when.Currency?.Trim().ToUpperInvariant();
        if (currency is { Length: > 0 } && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
            errors.Add($"{label}: currency '{currency}' is not an ISO 4217 code (e.g. INR, GBP)");
        var methods = when.ShippingMethods?.Select(m => m?.Trim() ?? "").ToList();
        if (methods is { Count: > MaxListLength }) errors.Add($"{label}: at most {MaxListLength} shippingMethods");
        if (methods?.Any(m => m.Length is 0 or > ShippingMappingValidation.MaxLength) == true)
            errors.Add($"{label}: shipping methods must be 1 to {ShippingMappingValidation.MaxLength} characters");
        return when with
        {
            DestinationCountries = countries is { Count: > 0 } ? countries : null,
            Currency = currency is { Length: > 0 } ? currency : null,
            ShippingMethods = methods is { Count: > 0 } ? methods : null,
        };
    }

    /// <summary>A target is checked exactly as a shipping mapping's would be, so the two never disagree.</summary>
    private static ShippingTarget? Target(ShippingTargetInput input, string label, IReadOnlyCollection<CarrierDescriptor> carriers,
        Func<string, string?> accountCarrier, List<string> errors)
    {
        var (mapping, problems) = ShippingMappingValidation.Validate(
            new ShippingMappingInput(ShippingMapping.AnyConnection, "routing", input.Carrier, input.CarrierAccountId, input.ServiceCode, input.PackageFormat),
            carriers, accountCarrier);
        errors.AddRange(problems.Select(p => $"{label}: {p}"));
        return mapping is null ? null : ShippingRouter.Target(mapping);
    }
}
