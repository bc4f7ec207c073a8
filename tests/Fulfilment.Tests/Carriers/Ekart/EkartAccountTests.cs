using Fulfilment.Carriers.Ekart;
using Fulfilment.Partners;

namespace Fulfilment.Tests.Carriers.Ekart;

public class EkartAccountTests
{
    private static IReadOnlyList<string> Errors(Dictionary<string, string?> settings, Dictionary<string, string?> credentials)
    {
        var (values, settingErrors) = PartnerValues.Apply(EkartAccount.Fields.Where(f => !f.Secret).ToList(), new Dictionary<string, string>(), settings, "Ekart settings");
        var (secrets, credentialErrors) = PartnerValues.Apply(EkartAccount.Fields.Where(f => f.Secret).ToList(), new Dictionary<string, string>(), credentials, "Ekart credentials");
        return [.. settingErrors, .. credentialErrors, .. settingErrors.Count + credentialErrors.Count == 0 ? EkartAccount.Check(values, secrets) : []];
    }

    [Fact]
    public void Merchant_code_and_token_with_a_location_code_make_an_account() =>
        Assert.Empty(Errors(new() { ["merchantCode"] = "FFQ", ["locationCode"] = "FFQ_BLR_01" }, new() { ["token"] = "secret-token" }));

    [Fact]
    public void Without_a_location_code_the_whole_pickup_address_is_required()
    {
        var errors = Errors(new() { ["merchantCode"] = "FFQ", ["pickupName"] = "Demo", ["pickupCity"] = "Bengaluru" }, new() { ["token"] = "t" });

        var error = Assert.Single(errors);
        Assert.Contains("give locationCode, or a whole pickup address", error);
        Assert.Contains("pickupAddressLine1", error);
        Assert.DoesNotContain("pickupCity", error);
    }

    [Fact]
    public void Merchant_code_token_and_each_field_are_checked_without_quoting_secrets()
    {
        var errors = Errors(new() { ["merchantCode"] = "ffqx", ["pickupPincode"] = "012345", ["pickupPhone"] = "12", ["trackingIdFrom"] = "50", ["trackingIdTo"] = "10" },
            new() { ["webhookSecret"] = "abc" });

        Assert.Contains(errors, e => e.StartsWith("merchantCode", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("token is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("pickupPincode must be a 6-digit PIN code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("pickupPhone", StringComparison.Ordinal));
        Assert.Contains("webhookSecret must be at least 6 characters", errors);
        Assert.DoesNotContain(errors, e => e.Contains("abc", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tracking_id_block_must_not_be_empty() =>
        Assert.Contains("trackingIdFrom is above trackingIdTo",
            Errors(new() { ["merchantCode"] = "FFQ", ["locationCode"] = "L", ["trackingIdFrom"] = "50", ["trackingIdTo"] = "10" }, new() { ["token"] = "t" }));

    [Theory]
    [InlineData("+91 98450 12345", "9845012345")]
    [InlineData("098450-12345", "9845012345")]
    [InlineData("9845012345", "9845012345")]
    [InlineData("0845012345", null)]
    [InlineData("12345", null)]
    public void Indian_phone_numbers_are_the_ten_digits(string input, string? expected) => Assert.Equal(expected, EkartPhone.Normalise(input));

    [Fact]
    public void A_credential_never_shows_its_token() =>
        Assert.DoesNotContain("s3cr3t", new EkartCredential("ekart-in", "FFQ", "s3cr3t").ToString());
}
