namespace Fulfilment.Shipping;

/// <summary>The carrier account, service and package format an order ships with.</summary>
public sealed record ShippingTarget
{
    public required string Carrier { get; init; }
    public required string CarrierAccountId { get; init; }
    public required string ServiceCode { get; init; }
    public required string PackageFormat { get; init; }
}

/// <summary>
/// What an order must be for a rule to apply. Every condition given must hold; one left out always holds. Weights are
/// the parcel's weight from our catalogue, in grams; order values are the order total in <see cref="Currency"/>.
/// </summary>
public sealed record RoutingConditions
{
    /// <summary>ISO 3166-1 alpha-2 codes of the destination (e.g. IN, GB).</summary>
    public IReadOnlyList<string>? DestinationCountries { get; init; }
    /// <summary>At least this many grams.</summary>
    public int? MinWeightGrams { get; init; }
    /// <summary>At most this many grams.</summary>
    public int? MaxWeightGrams { get; init; }
    /// <summary>An order total of at least this much.</summary>
    public decimal? MinOrderValue { get; init; }
    /// <summary>An order total of at most this much.</summary>
    public decimal? MaxOrderValue { get; init; }
    /// <summary>The currency the value bounds are in; an order in another currency does not match them.</summary>
    public string? Currency { get; init; }
    /// <summary>The channel shipping methods the customer chose (matched as shipping mappings match them).</summary>
    public IReadOnlyList<string>? ShippingMethods { get; init; }
}

/// <summary>One rule: when an order is like this, ship it like that.</summary>
public sealed record RoutingRule
{
    /// <summary>A name for people (shown in the order's history when the rule is used).</summary>
    public string? Name { get; init; }
    public RoutingConditions When { get; init; } = new();
    public required ShippingTarget Use { get; init; }
}

/// <summary>
/// The routing rules of one trading name: tried in order, the first that matches wins, else the default. Where a
/// trading name has rules they take precedence over shipping mappings; without a match or default, the mapping of the
/// order's shipping method still applies.
/// </summary>
public sealed record RoutingRuleSet
{
    public required string TradingName { get; init; }
    public IReadOnlyList<RoutingRule> Rules { get; init; } = [];
    public ShippingTarget? Default { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Trading names are matched without regard to case or surrounding spaces.</summary>
    public static string NormaliseTradingName(string tradingName) => tradingName.Trim().ToLowerInvariant();
}
