using Fulfilment.Carriers;
using Fulfilment.Partners;
using Fulfilment.Shipping;

namespace Fulfilment.Tests.Shipping;

public class RoutingRuleValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly CarrierDescriptor[] Carriers =
    [
        new("Ekart", "Ekart", CarrierCapabilities.None, 25, 50, [], ["SMALL", "MEDIUM", "LARGE"],
            new PartnerField("serviceCode", "REGULAR or ECONOMY", MaxLength: 20, Check: v => v.All(char.IsAsciiLetterUpper) ? null : "must be upper-case letters")),
        new("ClickAndDrop", "RoyalMail", CarrierCapabilities.StatusPolling, 100, 100, [], ["smallParcel", "largeLetter"],
            new PartnerField("serviceCode", "TRM24", MaxLength: 10)),
    ];

    private static readonly Dictionary<string, string> Accounts = new() { ["ekart-in"] = "Ekart", ["rm-demo"] = "ClickAndDrop" };

    private static (RoutingRuleSet? Rules, IReadOnlyList<string> Errors) Validate(RoutingRuleSetInput input) =>
        RoutingRuleValidation.Validate(input, Carriers, id => Accounts.GetValueOrDefault(id), Now);

    [Fact]
    public void A_valid_set_is_stored_with_canonical_spellings()
    {
        var (rules, errors) = Validate(new RoutingRuleSetInput(" Demo Goods Ltd ",
            [new RoutingRuleInput("India", new RoutingConditions { DestinationCountries = ["in"], Currency = "inr", MaxOrderValue = 50000 },
                new ShippingTargetInput("ekart", "ekart-in", "REGULAR", "small"))],
            new ShippingTargetInput("ClickAndDrop", "rm-demo", "TRM24", "smallparcel")));

        Assert.Empty(errors);
        var rule = Assert.Single(rules!.Rules);
        Assert.Equal("Demo Goods Ltd", rules.TradingName);
        Assert.Equal(["IN"], rule.When.DestinationCountries);
        Assert.Equal("INR", rule.When.Currency);
        Assert.Equal(("Ekart", "SMALL"), (rule.Use.Carrier, rule.Use.PackageFormat));
        Assert.Equal("smallParcel", rules.Default!.PackageFormat);
    }

    [Fact]
    public void Every_problem_is_named_and_nothing_is_returned()
    {
        var (rules, errors) = Validate(new RoutingRuleSetInput(null,
            [
                new RoutingRuleInput(null, new RoutingConditions { DestinationCountries = ["India"], MinWeightGrams = 500, MaxWeightGrams = 100 },
                    new ShippingTargetInput("Ekart", "rm-demo", "regular", "HUGE")),
                null,
                new RoutingRuleInput(null, null, null),
            ], null));

        Assert.Null(rules);
        Assert.Contains(errors, e => e.StartsWith("tradingName is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("rule 1: destination country 'INDIA'", StringComparison.Ordinal));
        Assert.Contains("rule 1: minWeightGrams is above maxWeightGrams", errors);
        Assert.Contains(errors, e => e.Contains("rule 1: carrier account 'rm-demo' belongs to ClickAndDrop, not Ekart", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("rule 1: packageFormat 'HUGE' is not a Ekart package format", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("rule 1: serviceCode must be upper-case letters", StringComparison.Ordinal));
        Assert.Contains("rule 2 is null", errors);
        Assert.Contains(errors, e => e.StartsWith("rule 3: use", StringComparison.Ordinal));
    }

    [Fact]
    public void A_set_needs_a_rule_or_a_default() =>
        Assert.Contains("give at least one rule or a default", Validate(new RoutingRuleSetInput("Demo", [], null)).Errors);
}
