using Fulfilment.DeployTests.Infrastructure;
using Fulfilment.Storage;

namespace Fulfilment.DeployTests;

/// <summary>
/// The code's settings, local.settings.sample.json and the Bicep app settings use the same keys: every setting the app
/// reads is in both, and neither holds a setting nothing reads. See <see cref="AppSettingsCatalogue"/> for the rule.
/// </summary>
public sealed class SettingsTests
{
    private static readonly IReadOnlyDictionary<string, string> Sample = AppSettingsCatalogue.SampleValues();
    private static readonly IReadOnlyDictionary<string, string> Bicep = AppSettingsCatalogue.BicepAppSettings();

    [Fact]
    public void The_options_classes_are_found()
    {
        var sections = AppSettingsCatalogue.OptionsTypes().Select(AppSettingsCatalogue.SectionOf).ToList();
        Assert.Contains("BigCommerce", sections);
        Assert.Contains("ClickAndDrop", sections);
        Assert.Contains("Pipeline", sections);
        Assert.Contains("BigCommerce__ClientSecret", AppSettingsCatalogue.OptionsKeys());
    }

    [Fact]
    public void Every_options_setting_is_in_the_sample() =>
        Assert.Empty(AppSettingsCatalogue.OptionsKeys().Where(k => !Sample.ContainsKey(k)).Order());

    [Fact]
    public void Every_options_setting_is_in_the_bicep_app_settings() =>
        Assert.Empty(AppSettingsCatalogue.OptionsKeys().Where(k => !Bicep.ContainsKey(k)).Order());

    [Fact]
    public void Every_function_json_placeholder_is_in_the_sample_and_the_bicep()
    {
        var placeholders = AppSettingsCatalogue.PlaceholderKeys();
        Assert.Contains("PollSchedule", placeholders);
        Assert.Empty(placeholders.Where(k => !Sample.ContainsKey(k)).Order());
        Assert.Empty(placeholders.Where(k => !Bicep.ContainsKey(k)).Order());
    }

    [Fact]
    public void Every_connection_is_configured_in_the_sample()
    {
        foreach (var connection in AppSettingsCatalogue.ConnectionNames().Append(AppSettingsCatalogue.HostStorageConnection))
            Assert.True(Sample.Keys.Any(k => AppSettingsCatalogue.BelongsToConnection(k, connection)), $"{connection} is not in local.settings.sample.json");
    }

    [Fact]
    public void Every_connection_is_identity_based_in_the_bicep()
    {
        foreach (var connection in AppSettingsCatalogue.ConnectionNames().Append(AppSettingsCatalogue.HostStorageConnection))
        {
            // No connection string: only the identity-based form, with our user-assigned identity.
            Assert.False(Bicep.ContainsKey(connection), $"{connection} is set as a connection string");
            Assert.Equal("'managedidentity'", Bicep.GetValueOrDefault($"{connection}__credential"));
            Assert.True(Bicep.ContainsKey($"{connection}__clientId"), $"{connection}__clientId is missing");
            Assert.True(Bicep.ContainsKey($"{connection}__accountName") || Bicep.ContainsKey($"{connection}__queueServiceUri"),
                $"{connection} names neither an account nor a queue service URI");
        }
        // The app's own storage reads all three service URIs (StorageConnection.cs) unless given an account name.
        var app = StorageNames.ConnectionName;
        Assert.True(Bicep.ContainsKey($"{app}__accountName")
                    || new[] { "queueServiceUri", "tableServiceUri", "blobServiceUri" }.All(s => Bicep.ContainsKey($"{app}__{s}")));
    }

    [Fact]
    public void No_setting_in_the_sample_is_unused() =>
        Assert.Empty(Sample.Keys.Where(k => !AppSettingsCatalogue.IsRead(k)).Order());

    [Fact]
    public void No_setting_in_the_bicep_is_unused() =>
        Assert.Empty(Bicep.Keys.Where(k => !AppSettingsCatalogue.IsRead(k)).Order());

    [Fact]
    public void Bicep_app_settings_hold_no_key_or_secret()
    {
        string[] secretMarkers = ["AccountKey=", "SharedAccessSignature", "DefaultEndpointsProtocol", "InstrumentationKey=", "listKeys(", "sig="];
        Assert.Empty(Bicep.Where(s => secretMarkers.Any(m => s.Value.Contains(m, StringComparison.OrdinalIgnoreCase))).Select(s => s.Key));
        // Secrets come from Key Vault, resolved with the app's identity.
        Assert.StartsWith("'@Microsoft.KeyVault(SecretUri=", Bicep["BigCommerce__ClientSecret"]);
        Assert.Equal("'ClientId=${identityClientId};Authorization=AAD'", Bicep["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void An_unused_key_is_reported_as_unused()
    {
        // The rule above can fail: a key nothing reads, and a near miss of a real one.
        Assert.False(AppSettingsCatalogue.IsRead("BigCommerce__ClientSecrets"));
        Assert.False(AppSettingsCatalogue.IsRead("SomethingNobodyReads"));
        Assert.True(AppSettingsCatalogue.IsRead("FulfilmentStorage__queueServiceUri"));
    }
}
