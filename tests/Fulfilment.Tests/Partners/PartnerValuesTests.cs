using Fulfilment.Partners;

namespace Fulfilment.Tests.Partners;

public class PartnerValuesTests
{
    private static readonly PartnerField[] Fields =
    [
        new("merchantCode", "the 3-character merchant code", Required: true, MaxLength: 3),
        new("token", "the Ekart token", Required: true, Secret: true),
        new("locationCode", "the pickup location code"),
    ];

    private static readonly Dictionary<string, string> Stored = new() { ["merchantCode"] = "MVK", ["token"] = "old", ["locationCode"] = "BLR01" };

    [Fact]
    public void Given_values_replace_absent_ones_stay_and_null_clears()
    {
        var (values, errors) = PartnerValues.Apply(Fields, Stored, new Dictionary<string, string?> { ["TOKEN"] = " new ", ["locationCode"] = null }, "An account");

        Assert.Empty(errors);
        Assert.Equal(new Dictionary<string, string> { ["merchantCode"] = "MVK", ["token"] = "new" }, values);
    }

    [Fact]
    public void Required_fields_unknown_fields_and_broken_rules_are_each_named()
    {
        var (_, errors) = PartnerValues.Apply(Fields, new Dictionary<string, string>(),
            new Dictionary<string, string?> { ["merchantCode"] = "TOOLONG", ["token"] = "has space", ["colour"] = "red" }, "An Ekart account");

        Assert.Contains("merchantCode is longer than 3 characters", errors);
        Assert.Contains("token must not contain spaces or control characters", errors);
        Assert.Contains("An Ekart account has no field 'colour'; its fields are merchantCode, token, locationCode", errors);
        Assert.Contains(errors, e => e.StartsWith("merchantCode is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("token is required", StringComparison.Ordinal));
    }

    [Fact]
    public void An_error_never_quotes_a_secret_value()
    {
        var (_, errors) = PartnerValues.Apply(Fields, Stored, new Dictionary<string, string?> { ["token"] = "s3cr3t\tvalue" }, "An account");

        Assert.DoesNotContain(errors, e => e.Contains("s3cr3t", StringComparison.Ordinal));
    }
}
