using System.Text.Json;
using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Orders;
using Xunit;

namespace Fulfilment.Tests.Carriers.ClickAndDrop;

/// <summary>What the destination adds to an order: the business flag for Northern Ireland, IOSS and delivery terms for the EU.</summary>
public class ClickAndDropDestinationMappingTests
{
    private const string Ioss = "IM2760000742";

    private static Address Belfast(string? company) => new()
    {
        FullName = "Rosalind Franklin", CompanyName = company, Line1 = "2 Donegall Sq", City = "Belfast", Postcode = "BT1 5GS", CountryCode = "GB",
    };

    [Fact]
    public void Business_recipient_in_northern_ireland_is_flagged_as_a_business()
    {
        var order = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.Uk() with { Recipient = Belfast("Harland Ltd") }).Order!;

        Assert.True(order.IsRecipientABusiness);
        Assert.Contains("\"isRecipientABusiness\":true", JsonSerializer.Serialize(order, ClickAndDropJson.Default.Options));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Consumer_in_northern_ireland_is_flagged_as_not_a_business(string? company)
    {
        var order = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.Uk() with { Recipient = Belfast(company) }).Order!;

        Assert.False(order.IsRecipientABusiness);
    }

    [Theory]
    [InlineData("gb", "bt9 7bl", true)]
    [InlineData("GB", "BT94 1AA", true)]
    [InlineData("GB", "NW1 5LR", false)]
    [InlineData("GB", "BTX 1AA", false)]
    [InlineData("IE", "D02 X285", false)]
    public void Northern_ireland_is_a_gb_address_with_a_bt_postcode(string country, string postcode, bool flagged)
    {
        var recipient = Belfast("Harland Ltd") with { CountryCode = country, Postcode = postcode };
        var plan = ClickAndDropPlans.International() with { Recipient = recipient };

        var order = ClickAndDropMapper.ToCreateOrder(plan).Order!;

        Assert.Equal(flagged, order.IsRecipientABusiness is not null);
    }

    [Fact]
    public void Mainland_order_leaves_the_business_flag_out()
    {
        var order = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.Uk() with { Recipient = ClickAndDropPlans.Uk().Recipient with { CompanyName = "Acme Ltd" } }).Order!;

        Assert.Null(order.IsRecipientABusiness);
        Assert.DoesNotContain("isRecipientABusiness", JsonSerializer.Serialize(order, ClickAndDropJson.Default.Options));
    }

    [Fact]
    public void Eu_consignment_carries_the_accounts_ioss_number_with_an_ioss_delivery_term()
    {
        var order = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.International(), new ClickAndDropOrderDefaults(null, Ioss)).Order!;

        Assert.Equal(Ioss, order.PostageDetails!.IossNumber);
        Assert.Equal("IOSS_DDU", order.DeliveryTerm);
        var json = JsonSerializer.Serialize(order, ClickAndDropJson.Default.Options);
        Assert.Contains($"\"IOSSNumber\":\"{Ioss}\"", json);
        Assert.Contains("\"deliveryTerm\":\"IOSS_DDU\"", json);
    }

    [Fact]
    public void Eu_consignment_without_an_ioss_number_is_delivered_duty_unpaid()
    {
        var order = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.International(), new ClickAndDropOrderDefaults(null, "  ")).Order!;

        Assert.Null(order.PostageDetails!.IossNumber);
        Assert.Equal("DDU_DAP", order.DeliveryTerm);
    }

    [Theory]
    [InlineData("US", "DDU_DAP")]
    [InlineData("CH", null)]
    [InlineData("NO", null)]
    public void Consignment_outside_the_eu_carries_no_ioss_number(string country, string? deliveryTerm)
    {
        var international = ClickAndDropPlans.International();
        var plan = international with { Recipient = international.Recipient with { CountryCode = country } };

        var order = ClickAndDropMapper.ToCreateOrder(plan, new ClickAndDropOrderDefaults(null, Ioss)).Order!;

        Assert.Null(order.PostageDetails!.IossNumber);
        Assert.Equal(deliveryTerm, order.DeliveryTerm);
    }

    [Fact]
    public void Domestic_order_carries_neither_ioss_nor_a_delivery_term()
    {
        var order = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.Uk(), new ClickAndDropOrderDefaults(null, Ioss)).Order!;

        Assert.Null(order.PostageDetails!.IossNumber);
        Assert.Null(order.DeliveryTerm);
    }

    [Fact]
    public void Account_defaults_come_from_its_settings()
    {
        var account = new Fulfilment.Connections.CarrierAccount
        {
            Id = "rm-1", Carrier = "ClickAndDrop", TradingName = "Demo Store", Settings = { ["iossNumber"] = Ioss },
        };

        Assert.Equal(new ClickAndDropOrderDefaults("Demo Store", Ioss), ClickAndDropAccount.OrderDefaultsOf(account));
    }
}
