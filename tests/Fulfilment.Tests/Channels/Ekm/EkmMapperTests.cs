using Fulfilment.Channels.Ekm;
using Fulfilment.Channels.Ekm.Dtos;

namespace Fulfilment.Tests.Channels.Ekm;

public class EkmMapperTests
{
    [Fact]
    public void An_order_maps_with_its_lines_address_and_position_from_last_updated()
    {
        var order = EkmMapper.ToChannelOrder(EkmFixtures.Data<EkmOrder>("order-1001.json"), EkmFixtures.Data<List<EkmOrderItem>>("order-1001-items.json"), "GBP");

        Assert.Equal("1001", order.ChannelOrderId);
        Assert.Equal("ORD-1001", order.OrderNumber);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 15, 42, TimeSpan.Zero).AddTicks(1234567), order.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), order.ModifiedAt);
        Assert.Equal("Royal Mail Tracked 24", order.ShippingMethod);
        Assert.Equal(29.97m, order.Total);
        Assert.Equal(3.99m, order.ShippingCost);
        Assert.Equal("Leave with neighbour", order.CustomerNote);
        var address = order.ShippingAddress!;
        Assert.Equal("Sam Jones", address.FullName);
        Assert.Null(address.CompanyName);
        Assert.Equal("Flat 3", address.Line2);
        Assert.Equal("GB", address.CountryCode);
        Assert.Equal("sam.jones@example.co.uk", address.Email);
        Assert.Equal(["MUG-BLUE", "TEE-M-BLK"], order.Lines.Select(l => l.Sku));
        Assert.Equal(["5001", "5002"], order.Lines.Select(l => l.LineId));
        Assert.Equal("T-shirt (Size: M)", order.Lines[1].Name);
        Assert.All(order.Lines, l => Assert.True(l.IsPhysical));
        Assert.All(order.Lines, l => Assert.Null(l.ChannelWeightGrams));
        Assert.Null(order.ImportProblem);
    }

    [Fact]
    public void An_order_without_a_separate_shipping_address_ships_to_the_customer_and_is_positioned_by_its_date()
    {
        var ekm = EkmFixtures.Data<EkmOrder>("order-1002.json");

        var order = EkmMapper.ToChannelOrder(ekm, [], "GBP");

        Assert.Null(order.OrderNumber);
        Assert.Equal(ekm.OrderDate, order.ModifiedAt);
        Assert.Equal("Ada Lovelace", order.ShippingAddress!.FullName);
        Assert.Equal("Analytical Ltd", order.ShippingAddress.CompanyName);
        Assert.Equal("SW1Y 4JU", order.ShippingAddress.Postcode);
        Assert.Equal("EKM lists no items for this order.", order.ImportProblem);
    }

    [Fact]
    public void Product_weights_become_grams_and_a_zero_weight_is_no_weight()
    {
        var products = EkmFixtures.Data<List<EkmProduct>>("products-search.json").Select(p => EkmMapper.ToChannelProduct(p, 1000m)).ToList();

        Assert.Equal(120m, products[0].WeightGrams);
        Assert.Equal("5012345678900", products[0].Gtin);
        Assert.Null(products[1].WeightGrams);
        Assert.Null(products[1].Gtin);
    }

    [Theory]
    [InlineData("Processing", "PROCESSING")]
    [InlineData(" Awaiting Stock ", "AWAITING STOCK")]
    [InlineData("DISPATCHED", "DISPATCHED")]
    public void Status_names_become_the_upper_case_form_orders_carry(string name, string code) =>
        Assert.Equal(code, EkmMapper.OrderStatusCode(name));
}
