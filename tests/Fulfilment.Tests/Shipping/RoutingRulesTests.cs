using Fulfilment.Orders;
using Fulfilment.Shipping;
using static Fulfilment.Tests.Orders.OrderBuilder;

namespace Fulfilment.Tests.Shipping;

public class RoutingRulesTests
{
    private static readonly ShippingTarget Ekart = new() { Carrier = "Ekart", CarrierAccountId = "ekart-in", ServiceCode = "REGULAR", PackageFormat = "SMALL" };
    private static readonly ShippingTarget EkartHeavy = Ekart with { PackageFormat = "LARGE" };
    private static readonly ShippingTarget RoyalMail = new() { Carrier = "ClickAndDrop", CarrierAccountId = "rm-demo", ServiceCode = "OLP1", PackageFormat = "smallParcel" };

    private static readonly RoutingRuleSet Rules = new()
    {
        TradingName = "Demo Goods Ltd",
        Rules =
        [
            new RoutingRule { Name = "India heavy", When = new RoutingConditions { DestinationCountries = ["IN"], MinWeightGrams = 5000 }, Use = EkartHeavy },
            new RoutingRule { Name = "India", When = new RoutingConditions { DestinationCountries = ["in"] }, Use = Ekart },
            new RoutingRule { Name = "Big UK orders", When = new RoutingConditions { DestinationCountries = ["GB"], MinOrderValue = 100, Currency = "GBP" }, Use = RoyalMail with { ServiceCode = "TRM24" } },
            new RoutingRule { Name = "Express", When = new RoutingConditions { ShippingMethods = ["  express   delivery "] }, Use = RoyalMail with { ServiceCode = "TPN24" } },
        ],
    };

    private static RoutingFacts Facts(string country = "GB", int grams = 500, decimal value = 20m, string currency = "GBP", string method = "Standard") =>
        new(country, grams, value, currency, method);

    [Fact]
    public void The_first_matching_rule_wins_in_order()
    {
        Assert.Equal(EkartHeavy, ShippingRouter.Route(Rules, null, Facts("IN", 6000)).Target);
        var india = ShippingRouter.Route(Rules, null, Facts("IN", 800));
        Assert.Equal(Ekart, india.Target);
        Assert.Equal("routing rule 2 'India' of Demo Goods Ltd", india.Explanation);
    }

    [Fact]
    public void Value_bounds_hold_only_in_their_currency()
    {
        Assert.Equal("TRM24", ShippingRouter.Route(Rules, null, Facts(value: 150m)).Target!.ServiceCode);
        Assert.Null(ShippingRouter.Route(Rules, null, Facts(value: 150m, currency: "EUR")).Target);
        Assert.Null(ShippingRouter.Route(Rules, null, Facts(value: 99.99m)).Target);
    }

    [Fact]
    public void Shipping_methods_match_as_mappings_match_them()
    {
        Assert.Equal("TPN24", ShippingRouter.Route(Rules, null, Facts("FR", method: "Express Delivery")).Target!.ServiceCode);
    }

    [Fact]
    public void Rules_take_precedence_over_the_mapping_and_the_mapping_still_applies_when_no_rule_matches()
    {
        var mapping = Mapping("Standard");
        Assert.Equal(Ekart, ShippingRouter.Route(Rules, mapping, Facts("IN")).Target);

        var fallback = ShippingRouter.Route(Rules, mapping, Facts("FR"));
        Assert.Equal("rm-demo", fallback.Target!.CarrierAccountId);
        Assert.Equal("the shipping mapping of 'Standard'", fallback.Explanation);
    }

    [Fact]
    public void The_default_applies_before_the_mapping()
    {
        var decision = ShippingRouter.Route(Rules with { Default = RoyalMail }, Mapping("Standard"), Facts("FR"));

        Assert.Equal(RoyalMail, decision.Target);
        Assert.Equal("the default routing of Demo Goods Ltd", decision.Explanation);
    }

    [Fact]
    public void An_order_neither_rules_nor_mappings_match_says_why()
    {
        var decision = ShippingRouter.Route(Rules, null, Facts("FR", 700, 20m, "EUR", "Standard"));

        Assert.Null(decision.Target);
        Assert.Contains("No routing rule of Demo Goods Ltd matches the order (destination FR, 700 g, EUR 20.00, shipping method 'Standard')", decision.Explanation);
        Assert.Contains("No shipping mapping for shipping method 'Standard'", decision.Explanation);
    }

    [Fact]
    public void An_indian_order_is_routed_to_ekart_and_needs_no_customs_data_from_an_indian_carrier()
    {
        var order = Order(lines: [Line("KURTA-COTTON")]) with
        {
            Currency = "INR",
            Total = 1499m,
            ShippingMethod = "Standard",
            ShippingAddress = new Address { FullName = "Ananya Rao", Line1 = "14 MG Road", City = "Bengaluru", County = "Karnataka", Postcode = "560001", CountryCode = "IN", Phone = "+91 98450 12345" },
        };
        var context = Context(null, Product("KURTA-COTTON", 450, customs: null, tariff: "62114290")) with
        {
            Routing = Rules,
            CarrierOrigins = new Dictionary<string, string> { ["Ekart"] = "IN" },
        };

        var plan = Assert.IsType<NormalisationResult.Planned>(OrderNormaliser.Normalise(Key, order, context)).Plan;

        Assert.Equal(("Ekart", "ekart-in", "REGULAR", "SMALL"), (plan.Carrier, plan.CarrierAccountId, plan.ServiceCode, plan.PackageFormat));
        Assert.False(plan.RequiresCustoms);
        Assert.Equal("62114290", plan.Lines.Single().TariffCode);
        Assert.Equal("routing rule 2 'India' of Demo Goods Ltd", plan.RoutedBy);
    }

    [Fact]
    public void A_uk_order_of_a_trading_name_with_rules_still_uses_its_mapping()
    {
        var context = Context(Mapping(), Product("MUG-BLUE", 350)) with { Routing = Rules };

        var plan = Assert.IsType<NormalisationResult.Planned>(OrderNormaliser.Normalise(Key, Order(), context)).Plan;

        Assert.Equal(("ClickAndDrop", "TRM24"), (plan.Carrier, plan.ServiceCode));
        Assert.False(plan.RequiresCustoms);
    }

    [Fact]
    public void An_order_no_rule_or_mapping_matches_needs_attention_with_the_reason()
    {
        var context = Context(null, Product("MUG-BLUE", 350)) with { Routing = Rules };

        var attention = Assert.IsType<NormalisationResult.Attention>(OrderNormaliser.Normalise(Key, Order("DE", "Standard"), context));

        Assert.Contains("No routing rule of Demo Goods Ltd matches the order (destination DE", attention.Reason);
    }

    [Fact]
    public void A_cash_on_delivery_order_keeps_its_payment_on_the_plan()
    {
        var order = Order() with { CashOnDelivery = true };

        var plan = Assert.IsType<NormalisationResult.Planned>(OrderNormaliser.Normalise(Key, order, Context(Mapping(), Product("MUG-BLUE", 350)))).Plan;

        Assert.True(plan.CashOnDelivery);
    }
}
