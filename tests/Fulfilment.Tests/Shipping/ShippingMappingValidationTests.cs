using Fulfilment.Carriers;
using Fulfilment.Carriers.ClickAndDrop;
using Fulfilment.Shipping;

namespace Fulfilment.Tests.Shipping;

public class ShippingMappingValidationTests
{
    private static readonly CarrierDescriptor[] Carriers =
    [
        new("ClickAndDrop", "RoyalMail", CarrierCapabilities.None, 100, 100, ClickAndDropAccount.Fields, ClickAndDropAccount.PackageFormats, ClickAndDropAccount.ServiceCode),
    ];

    private static string? AccountCarrier(string id) => id switch
    {
        "rm-demo" => "ClickAndDrop",
        "ekart-1" => "Ekart",
        _ => null,
    };

    private static ShippingMappingInput Input(string? carrier = "ClickAndDrop", string? account = "rm-demo", string? format = "smallParcel",
        string? connection = null, string? method = "Royal Mail Tracked 24", string? service = "TOLP24") =>
        new(connection, method, carrier, account, service, format);

    [Fact]
    public void A_valid_mapping_defaults_to_every_connection_and_uses_canonical_spellings()
    {
        var (mapping, errors) = ShippingMappingValidation.Validate(Input(carrier: "clickanddrop", format: "SMALLPARCEL"), Carriers, AccountCarrier);

        Assert.Empty(errors);
        Assert.Equal("*", mapping!.ConnectionId);
        Assert.Equal("ClickAndDrop", mapping.Carrier);
        Assert.Equal("smallParcel", mapping.PackageFormat);
        Assert.Equal("Royal Mail Tracked 24", mapping.ShippingMethod);
    }

    [Fact]
    public void An_unregistered_carrier_is_named_with_the_registered_ones()
    {
        var (mapping, errors) = ShippingMappingValidation.Validate(Input(carrier: "Hermes"), Carriers, AccountCarrier);

        Assert.Null(mapping);
        Assert.Contains("carrier 'Hermes' is not registered; registered carriers: ClickAndDrop", errors);
    }

    [Fact]
    public void A_package_format_Click_and_Drop_does_not_know_is_rejected()
    {
        var (_, errors) = ShippingMappingValidation.Validate(Input(format: "box"), Carriers, AccountCarrier);
        Assert.Contains(errors, e => e.StartsWith("packageFormat 'box' is not a ClickAndDrop package format", StringComparison.Ordinal));
    }

    [Fact]
    public void The_account_must_exist_and_belong_to_the_carrier()
    {
        var (_, missing) = ShippingMappingValidation.Validate(Input(account: "nope"), Carriers, AccountCarrier);
        var (_, other) = ShippingMappingValidation.Validate(Input(account: "ekart-1"), Carriers, AccountCarrier);

        Assert.Contains(missing, e => e.StartsWith("carrier account 'nope' does not exist", StringComparison.Ordinal));
        Assert.Contains("carrier account 'ekart-1' belongs to Ekart, not ClickAndDrop", other);
    }

    [Fact]
    public void Missing_fields_are_each_reported()
    {
        var (_, errors) = ShippingMappingValidation.Validate(new ShippingMappingInput(null, " ", null, null, null, null), Carriers, AccountCarrier);

        Assert.Equal(["shippingMethod is required", "serviceCode is required", "packageFormat is required", "carrier is required", "carrierAccountId is required"], errors);
    }

    [Fact]
    public void A_service_code_the_carrier_would_refuse_is_refused_with_its_rule()
    {
        var (_, tooLong) = ShippingMappingValidation.Validate(Input(service: "TRACKED24PLUS"), Carriers, AccountCarrier);
        var (_, spaces) = ShippingMappingValidation.Validate(Input(service: "TR 24"), Carriers, AccountCarrier);

        Assert.Contains(tooLong, e => e.StartsWith("serviceCode is longer than 10 characters", StringComparison.Ordinal));
        Assert.Contains(spaces, e => e.StartsWith("serviceCode must be letters and digits", StringComparison.Ordinal));
    }
}
