using Fulfilment.Channels.BigCommerce;
using Xunit;

namespace Fulfilment.Tests.Channels.BigCommerce;

public class BigCommerceMapperTests
{
    [Fact]
    public void Physical_order_maps_money_dates_address_method_and_lines()
    {
        var (order, products, addresses) = BigCommerceFixtures.Order(118);

        var mapped = BigCommerceMapper.ToChannelOrder(order, products, addresses);

        Assert.Equal("118", mapped.ChannelOrderId);
        Assert.Equal(new DateTimeOffset(2026, 11, 17, 9, 14, 3, TimeSpan.Zero), mapped.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 16, 2, 45, TimeSpan.Zero), mapped.ModifiedAt);
        Assert.Equal("Awaiting Shipment", mapped.ChannelStatus);
        Assert.Equal("GBP", mapped.Currency);
        Assert.Equal(42.0000m, mapped.Subtotal);
        Assert.Equal(3.99m, mapped.ShippingCost);
        Assert.Equal(45.99m, mapped.Total);
        Assert.Equal("Royal Mail Tracked 24", mapped.ShippingMethod);
        Assert.Equal("27", mapped.ShippingAddressId);
        Assert.Equal("Please leave with neighbour at 104", mapped.CustomerNote);
        Assert.Null(mapped.ImportProblem);

        var a = mapped.ShippingAddress!;
        Assert.Equal("George Murphy", a.FullName);
        Assert.Equal("Murphy & Sons", a.CompanyName);
        Assert.Equal("102 Dalry Road", a.Line1);
        Assert.Equal("Flat 2F1", a.Line2);
        Assert.Equal("Edinburgh", a.City);
        Assert.Null(a.County);
        Assert.Equal("EH11 2DW", a.Postcode);
        Assert.Equal("GB", a.CountryCode);

        Assert.Collection(mapped.Lines,
            l =>
            {
                Assert.Equal("301", l.LineId);
                Assert.Equal("MUG-BLUE", l.Sku);
                Assert.Equal(2, l.Quantity);
                Assert.Equal(12m, l.UnitPrice);
                Assert.True(l.IsPhysical);
            },
            l =>
            {
                Assert.Equal("302", l.LineId);
                Assert.Equal("POSTER-A2", l.Sku);
                Assert.True(l.IsPhysical);
            });
    }

    [Fact]
    public void Amounts_carry_the_transactional_currency_not_the_display_currency_the_shopper_browsed_in()
    {
        // A storefront order shown in EUR (currency_code, the display currency) and charged in GBP
        // (default_currency_code, the transactional currency): every amount on the order is in GBP.
        var (order, products, addresses) = BigCommerceFixtures.Order(122);

        var mapped = BigCommerceMapper.ToChannelOrder(order, products, addresses);

        Assert.Equal("GBP", mapped.Currency);
        Assert.Equal(45.99m, mapped.Total);
    }

    [Fact]
    public void Without_a_transactional_currency_the_order_currency_is_the_one_shown()
    {
        // default_currency_code is documented as present only with multi-currency; without it the two are the same.
        var (order, products, addresses) = BigCommerceFixtures.Order(122);
        order.DefaultCurrencyCode = null;

        var mapped = BigCommerceMapper.ToChannelOrder(order, products, addresses);

        Assert.Equal("EUR", mapped.Currency);
    }

    [Fact]
    public void Line_weight_is_not_recorded_when_the_store_unit_is_unknown()
    {
        var (order, products, addresses) = BigCommerceFixtures.Order(118);

        var mapped = BigCommerceMapper.ToChannelOrder(order, products, addresses);

        Assert.All(mapped.Lines, l => Assert.Null(l.ChannelWeightGrams));
    }

    [Fact]
    public void Line_weight_is_converted_to_grams_when_the_store_unit_is_known()
    {
        var (order, products, addresses) = BigCommerceFixtures.Order(118);

        var grams = BigCommerceMapper.ToChannelOrder(order, products, addresses, BigCommerceWeightUnit.Grams);
        var kilos = BigCommerceMapper.ToChannelOrder(order, products, addresses, BigCommerceWeightUnit.Kilograms);

        Assert.Equal(350m, grams.Lines[0].ChannelWeightGrams);
        Assert.Equal(220m, kilos.Lines[1].ChannelWeightGrams); // "weight": 0.22 as a JSON number, in KGS
    }

    [Fact]
    public void All_digital_order_without_shipping_address_has_no_physical_lines_and_no_problem()
    {
        var (order, products, addresses) = BigCommerceFixtures.Order(119);

        var mapped = BigCommerceMapper.ToChannelOrder(order, products, addresses);

        Assert.Empty(addresses);
        Assert.All(mapped.Lines, l => Assert.False(l.IsPhysical));
        Assert.Null(mapped.ShippingAddress);
        Assert.Equal("", mapped.ShippingMethod);
        Assert.Null(mapped.ImportProblem);
    }

    [Fact]
    public void Mixed_order_marks_only_the_digital_line_as_not_physical()
    {
        var (order, products, addresses) = BigCommerceFixtures.Order(120);

        var mapped = BigCommerceMapper.ToChannelOrder(order, products, addresses);

        Assert.False(mapped.Lines.Single(l => l.Sku == "EBOOK-GUIDE").IsPhysical);
        Assert.True(mapped.Lines.Single(l => l.Sku == "NOTEBOOK-A5").IsPhysical);
        Assert.Equal("Royal Mail 1st Class", mapped.ShippingMethod);
        Assert.Null(mapped.ImportProblem);
    }

    [Fact]
    public void Order_with_two_shipping_addresses_is_imported_with_a_problem()
    {
        var (order, products, addresses) = BigCommerceFixtures.Order(121);

        var mapped = BigCommerceMapper.ToChannelOrder(order, products, addresses);

        Assert.Equal("order ships to 2 addresses; split it in BigCommerce or ship it by hand", mapped.ImportProblem);
    }

    [Fact]
    public void Physical_lines_without_any_shipping_address_are_a_problem()
    {
        var (order, products, _) = BigCommerceFixtures.Order(118);

        var mapped = BigCommerceMapper.ToChannelOrder(order, products, []);

        Assert.NotNull(mapped.ImportProblem);
    }

    [Theory]
    [InlineData("62.6793", 62.6793)]
    [InlineData("0.0000", 0)]
    [InlineData("1,234.50", 1234.50)]
    [InlineData("", 0)]
    [InlineData(null, 0)]
    public void Money_strings_parse_in_the_invariant_culture(string? text, double expected)
    {
        Assert.Equal((decimal)expected, BigCommerceMapper.Money(text));
    }

    [Theory]
    [InlineData("Grams", BigCommerceWeightUnit.Grams)]
    [InlineData("KGS", BigCommerceWeightUnit.Kilograms)]
    [InlineData("Ounces", BigCommerceWeightUnit.Ounces)]
    [InlineData("LBS", BigCommerceWeightUnit.Pounds)]
    [InlineData("stones", BigCommerceWeightUnit.Unknown)]
    public void Store_weight_unit_setting_is_read(string setting, BigCommerceWeightUnit expected)
    {
        Assert.Equal(expected, BigCommerceMapper.ParseWeightUnit(setting));
    }
}
