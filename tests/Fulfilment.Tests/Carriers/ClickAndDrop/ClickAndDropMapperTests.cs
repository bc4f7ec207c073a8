using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Shipping;
using Xunit;

namespace Fulfilment.Tests.Carriers.ClickAndDrop;

public class ClickAndDropMapperTests
{
    [Fact]
    public void Uk_plan_maps_recipient_money_package_and_postage_without_customs()
    {
        var mapped = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.Uk());

        Assert.False(mapped.IsRejected);
        var order = mapped.Order!;
        Assert.Equal("FF-1001-ab12cd34", order.OrderReference);
        Assert.Equal("Ada Lovelace", order.Recipient.Address.FullName);
        Assert.Equal("12 Marylebone Road", order.Recipient.Address.AddressLine1);
        Assert.Equal("NW1 5LR", order.Recipient.Address.Postcode);
        Assert.Equal("GB", order.Recipient.Address.CountryCode);
        Assert.Equal("020 7946 0000", order.Recipient.PhoneNumber);
        Assert.Equal("ada@example.com", order.Recipient.EmailAddress);
        Assert.Equal("Demo Store", order.Sender!.TradingName);
        Assert.Equal((24.00m, 3.95m, 27.95m, "GBP"), (order.Subtotal, order.ShippingCostCharged, order.Total, order.CurrencyCode));
        var package = Assert.Single(order.Packages!);
        Assert.Equal(530, package.WeightInGrams);
        Assert.Equal("smallParcel", package.PackageFormatIdentifier);
        Assert.Null(package.Dimensions);
        Assert.Equal(["MUG-BLUE", "TEE-M-BLK"], package.Contents!.Select(c => c.Sku));
        Assert.Equal(350, package.Contents![0].UnitWeightInGrams);
        Assert.All(package.Contents!, c => Assert.Null(c.CustomsCode));
        Assert.All(package.Contents!, c => Assert.Null(c.CustomsDeclarationCategory));
        Assert.Equal("TRM24", order.PostageDetails!.ServiceCode);
        Assert.Equal("recipient", order.PostageDetails.SendNotificationsTo);
        Assert.False(order.Label!.IncludeLabelInResponse);
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    public void Label_is_asked_for_in_the_create_response_by_online_business_accounts_while_the_option_is_on(bool oba, bool optionOn, bool asked)
    {
        var account = new Fulfilment.Connections.CarrierAccount
        {
            Id = "rm-1", Carrier = "ClickAndDrop", Settings = { [ClickAndDropAccount.OnlineBusinessAccount] = oba ? "true" : "false" },
        };

        var order = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.Uk(), ClickAndDropAccount.OrderDefaultsOf(account, optionOn)).Order!;

        var json = System.Text.Json.JsonSerializer.Serialize(order.Label!, ClickAndDropJson.Default.Options);
        Assert.Equal(asked
            ? """{"includeLabelInResponse":true,"includeCN":false,"includeReturnsLabel":false}"""
            : """{"includeLabelInResponse":false}""", json);
    }

    [Fact]
    public void International_plan_carries_customs_data_on_every_line()
    {
        var mapped = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.International());

        var order = mapped.Order!;
        Assert.Equal("FR", order.Recipient.Address.CountryCode);
        var line = Assert.Single(Assert.Single(order.Packages!).Contents!);
        Assert.Equal("Scented soy wax candle", line.CustomsDescription);
        Assert.Equal("3406000000", line.CustomsCode);
        Assert.Equal("GB", line.OriginCountryCode);
        Assert.Equal("eCommerceSaleOfGoods", line.CustomsDeclarationCategory);
        Assert.Equal(18.50m, line.UnitValue);
    }

    [Fact]
    public void Customs_description_falls_back_to_the_product_name_cut_to_50()
    {
        var plan = ClickAndDropPlans.International() with
        {
            Lines = [new ShipmentLine { ChannelLineId = "1", Sku = "POSTER-A2", Name = new string('P', 80), Quantity = 2, UnitValue = 5m, UnitWeightGrams = 110 }],
        };

        var line = ClickAndDropMapper.ToCreateOrder(plan).Order!.Packages![0].Contents![0];

        Assert.Equal(new string('P', 50), line.CustomsDescription);
        Assert.Null(line.CustomsCode);
    }

    [Fact]
    public void Free_text_longer_than_the_spec_allows_is_truncated()
    {
        var uk = ClickAndDropPlans.Uk();
        var plan = uk with
        {
            SpecialInstructions = new string('s', 600),
            SenderTradingName = new string('t', 300),
            Recipient = uk.Recipient with { FullName = new string('n', 250), Line1 = new string('a', 150), City = new string('c', 120), County = new string('k', 130) },
            Lines = [uk.Lines[0] with { Name = new string('m', 900) }],
        };

        var order = ClickAndDropMapper.ToCreateOrder(plan).Order!;

        Assert.Equal(500, order.SpecialInstructions!.Length);
        Assert.Equal(250, order.Sender!.TradingName!.Length);
        Assert.Equal(210, order.Recipient.Address.FullName!.Length);
        Assert.Equal(100, order.Recipient.Address.AddressLine1.Length);
        Assert.Equal(100, order.Recipient.Address.City.Length);
        Assert.Equal(100, order.Recipient.Address.County!.Length);
        Assert.Equal(800, order.Packages![0].Contents![0].Name!.Length);
    }

    [Fact]
    public void Truncation_does_not_split_a_surrogate_pair()
    {
        var text = new string('x', 499) + "😀tail";

        Assert.Equal(new string('x', 499), ClickAndDropMapper.Truncate(text, 500));
    }

    [Fact]
    public void Phone_too_long_is_compacted_and_left_out_if_still_too_long()
    {
        var uk = ClickAndDropPlans.Uk();
        var compacted = ClickAndDropMapper.ToCreateOrder(uk with { Recipient = uk.Recipient with { Phone = "+44 (0) 20 - 7946 - 0000 ext" } }).Order!;
        var dropped = ClickAndDropMapper.ToCreateOrder(uk with { Recipient = uk.Recipient with { Phone = new string('1', 30) } }).Order!;

        Assert.Equal("+4402079460000", compacted.Recipient.PhoneNumber);
        Assert.Null(dropped.Recipient.PhoneNumber);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30001)]
    public void Weight_outside_1_to_30000_grams_is_rejected_not_clamped(int grams)
    {
        var mapped = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.Uk() with { TotalWeightGrams = grams });

        Assert.True(mapped.IsRejected);
        Assert.Null(mapped.Order);
        Assert.Equal("FF-1001-ab12cd34", mapped.Reference);
        Assert.Contains("weightInGrams", mapped.Rejection);
    }

    [Fact]
    public void Values_that_cannot_be_truncated_reject_the_plan_with_every_reason()
    {
        var uk = ClickAndDropPlans.Uk();
        var plan = uk with
        {
            Reference = new string('R', 41),
            Recipient = uk.Recipient with { Postcode = new string('P', 21) },
            Lines = [uk.Lines[0] with { Sku = new string('S', 101), Quantity = 0 }],
            Total = 1_000_000m,
        };

        var mapped = ClickAndDropMapper.ToCreateOrder(plan);

        Assert.True(mapped.IsRejected);
        Assert.Contains("orderReference", mapped.Rejection);
        Assert.Contains("postcode", mapped.Rejection);
        Assert.Contains("SKU", mapped.Rejection);
        Assert.Contains("quantity", mapped.Rejection);
        Assert.Contains("total", mapped.Rejection);
    }

    [Fact]
    public void Tariff_code_longer_than_10_digits_is_rejected_for_customs()
    {
        var intl = ClickAndDropPlans.International();
        var plan = intl with { Lines = [intl.Lines[0] with { TariffCode = "34060000001234" }] };

        Assert.Contains("customsCode", ClickAndDropMapper.ToCreateOrder(plan).Rejection);
    }

    [Fact]
    public void Dimensions_are_sent_only_when_all_three_are_known()
    {
        var full = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.Uk() with { Dimensions = new Dimensions(100, 200, 300) }).Order!;
        var partial = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.Uk() with { Dimensions = new Dimensions(100, 0, 300) }).Order!;

        Assert.Equal(new Fulfilment.Carriers.ClickAndDrop.Dtos.DimensionsRequest(100, 200, 300), full.Packages![0].Dimensions);
        Assert.Null(partial.Packages![0].Dimensions);
    }

    [Fact]
    public void Account_trading_name_is_used_when_the_plan_has_none()
    {
        var order = ClickAndDropMapper.ToCreateOrder(ClickAndDropPlans.Uk() with { SenderTradingName = null }, new ClickAndDropOrderDefaults("Account Trading Ltd", null)).Order!;

        Assert.Equal("Account Trading Ltd", order.Sender!.TradingName);
    }
}
