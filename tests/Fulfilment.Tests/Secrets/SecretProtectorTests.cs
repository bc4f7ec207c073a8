using Fulfilment.Secrets;
using Microsoft.Extensions.Options;

namespace Fulfilment.Tests.Secrets;

public class SecretProtectorTests
{
    private const string KeyA = "a1:" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=";
    private const string KeyB = "b2:" + "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";

    private static SecretProtector Protector(string active, string? previous = null) =>
        new(Options.Create(new SecretsOptions { ActiveKey = active, PreviousKeys = previous }));

    [Fact]
    public void A_secret_round_trips_and_the_stored_value_shows_only_the_key_id()
    {
        var protector = Protector(KeyA);

        var stored = protector.Protect("ck_live_123", "CarrierAccounts/rm-demo");

        Assert.StartsWith("enc1:a1:", stored);
        Assert.DoesNotContain("ck_live_123", stored);
        Assert.NotEqual(stored, protector.Protect("ck_live_123", "CarrierAccounts/rm-demo"));
        Assert.Equal("ck_live_123", protector.Unprotect(stored, "CarrierAccounts/rm-demo"));
    }

    [Fact]
    public void A_value_moved_to_another_row_or_altered_does_not_decrypt()
    {
        var protector = Protector(KeyA);
        var stored = protector.Protect("token", "Connections/bigcommerce-a");
        var altered = stored[..^4] + (stored[^4] == 'A' ? "B" : "A") + stored[^3..];

        Assert.Throws<SecretUnreadableException>(() => protector.Unprotect(stored, "Connections/bigcommerce-b"));
        Assert.Throws<SecretUnreadableException>(() => protector.Unprotect(altered, "Connections/bigcommerce-a"));
        Assert.Throws<SecretUnreadableException>(() => protector.Unprotect("token", "Connections/bigcommerce-a"));
    }

    [Fact]
    public void After_a_rotation_old_values_stay_readable_while_their_key_is_listed()
    {
        var written = Protector(KeyA).Protect("token", "p");

        Assert.Equal("token", Protector(KeyB, previous: KeyA).Unprotect(written, "p"));
        Assert.StartsWith("enc1:b2:", Protector(KeyB, previous: KeyA).Protect("token", "p"));
        var error = Assert.Throws<SecretUnreadableException>(() => Protector(KeyB).Unprotect(written, "p"));
        Assert.Contains("key 'a1'", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-colon")]
    [InlineData("k1:not base64!")]
    [InlineData("k1:QUFB")]
    [InlineData("bad id:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=")]
    public void A_malformed_key_fails_start_up_naming_the_setting(string key)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Protector(key));
        Assert.Contains("Secrets__ActiveKey", error.Message);
    }
}
