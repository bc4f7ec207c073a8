using Fulfilment.Orders;
using static Fulfilment.Tests.Orders.OrderBuilder;

namespace Fulfilment.Tests.Orders;

public class OrderNormaliserTests
{
    [Fact]
    public void Uk_order_is_planned_with_catalogue_weight_not_channel_weight()
    {
        var order = Order(lines: [Line("MUG-BLUE", quantity: 2, channelWeight: 1), Line("TEE-M-BLK", channelWeight: 9999)]);

        var result = OrderNormaliser.Normalise(Key, order, Context(Mapping(), Product("MUG-BLUE", 350), Product("TEE-M-BLK", 180)));

        var plan = Assert.IsType<NormalisationResult.Planned>(result).Plan;
        Assert.Equal(2 * 350 + 180, plan.TotalWeightGrams);
        Assert.Equal("TRM24", plan.ServiceCode);
        Assert.Equal("smallParcel", plan.PackageFormat);
        Assert.Equal("rm-demo", plan.CarrierAccountId);
        Assert.Equal(Key.CarrierReference, plan.Reference);
        Assert.False(plan.RequiresCustoms);
        Assert.Equal(["line-MUG-BLUE", "line-TEE-M-BLK"], plan.Lines.Select(l => l.ChannelLineId));
    }

    [Fact]
    public void A_weight_taken_from_a_channel_is_not_used_for_postage_until_confirmed()
    {
        var order = Order(lines: [Line("MUG-BLUE")]);
        var unconfirmed = Product("MUG-BLUE", 350) with { WeightConfirmed = false, Source = "EKM product 42" };

        var result = OrderNormaliser.Normalise(Key, order, Context(Mapping(), unconfirmed));

        var attention = Assert.IsType<NormalisationResult.Attention>(result);
        Assert.Contains("unconfirmed weight of 350 g (from EKM product 42)", attention.Reason);
    }

    [Fact]
    public void All_digital_order_is_skipped_with_reason()
    {
        var result = OrderNormaliser.Normalise(Key, Order(lines: [Line("EBOOK-GUIDE", physical: false)]), Context(Mapping()));

        var skip = Assert.IsType<NormalisationResult.Skip>(result);
        Assert.Contains("digital", skip.Reason);
    }

    [Fact]
    public void Mixed_order_ships_only_its_physical_lines()
    {
        var order = Order(lines: [Line("EBOOK-GUIDE", physical: false), Line("POSTER-A2")]);

        var result = OrderNormaliser.Normalise(Key, order, Context(Mapping(), Product("POSTER-A2", 220)));

        var plan = Assert.IsType<NormalisationResult.Planned>(result).Plan;
        Assert.Equal("POSTER-A2", Assert.Single(plan.Lines).Sku);
        Assert.Equal(220, plan.TotalWeightGrams);
    }

    [Fact]
    public void Unknown_sku_needs_attention_and_does_not_trust_channel_weight()
    {
        var order = Order(lines: [Line("SOCKS-RED-NEW", channelWeight: 90)]);

        var result = OrderNormaliser.Normalise(Key, order, Context(Mapping()));

        var attention = Assert.IsType<NormalisationResult.Attention>(result);
        Assert.Contains("SOCKS-RED-NEW", attention.Reason);
        Assert.Contains("90 g", attention.Reason);
    }

    [Fact]
    public void Unmapped_shipping_method_needs_attention()
    {
        var result = OrderNormaliser.Normalise(Key, Order(method: "Same Day Courier"), Context(null, Product("MUG-BLUE", 350)));

        var attention = Assert.IsType<NormalisationResult.Attention>(result);
        Assert.Contains("Same Day Courier", attention.Reason);
    }

    [Fact]
    public void International_order_requires_customs_data_from_the_catalogue()
    {
        var withCustoms = OrderNormaliser.Normalise(Key, Order(country: "DE"), Context(Mapping(), Product("MUG-BLUE", 350)));
        var plan = Assert.IsType<NormalisationResult.Planned>(withCustoms).Plan;
        Assert.True(plan.RequiresCustoms);
        Assert.Equal("6912002310", plan.Lines[0].TariffCode);

        var without = OrderNormaliser.Normalise(Key, Order(country: "DE"), Context(Mapping(), Product("MUG-BLUE", 350, customs: null, tariff: null)));
        Assert.Contains("customs", Assert.IsType<NormalisationResult.Attention>(without).Reason);
    }

    [Fact]
    public void Northern_ireland_and_channel_islands_need_customs()
    {
        Assert.True(Fulfilment.Shipping.CustomsRules.RequiresCustoms("GB", "BT1 1AA"));
        Assert.True(Fulfilment.Shipping.CustomsRules.RequiresCustoms("JE", "JE2 3AB"));
        Assert.False(Fulfilment.Shipping.CustomsRules.RequiresCustoms("GB", "M1 1AE"));
    }

    [Fact]
    public void Order_older_than_max_age_is_skipped()
    {
        var result = OrderNormaliser.Normalise(Key, Order(created: Now.AddDays(-8)), Context(Mapping(), Product("MUG-BLUE", 350)));

        Assert.Contains("older than 7 days", Assert.IsType<NormalisationResult.Skip>(result).Reason);
    }

    [Fact]
    public void Import_problem_reported_by_channel_needs_attention()
    {
        var order = Order() with { ImportProblem = "order ships to 2 addresses" };

        var result = OrderNormaliser.Normalise(Key, order, Context(Mapping(), Product("MUG-BLUE", 350)));

        Assert.Equal("order ships to 2 addresses", Assert.IsType<NormalisationResult.Attention>(result).Reason);
    }

    [Fact]
    public void Carrier_reference_is_deterministic_and_within_40_characters()
    {
        var key = new OrderKey("bigcommerce-store", new string('9', 80));

        Assert.Equal(key.CarrierReference, new OrderKey("bigcommerce-store", new string('9', 80)).CarrierReference);
        Assert.True(key.CarrierReference.Length <= 40);
        Assert.NotEqual(key.CarrierReference, new OrderKey("bigcommerce-other", new string('9', 80)).CarrierReference);
    }
}
