using Fulfilment.Channels;
using Fulfilment.Channels.Ecomdash;
using Fulfilment.Channels.Ecomdash.Dtos;
using Fulfilment.Partners;

namespace Fulfilment.Tests.Channels.Ecomdash;

public class EcomdashConnectorTests
{
    [Fact]
    public void The_descriptor_says_publish_listings_is_not_supported_and_what_to_do_instead()
    {
        var descriptor = EcomdashChannel.DescriptorValue;

        Assert.False(descriptor.Capabilities.HasFlag(ChannelCapabilities.PublishListings));
        var why = descriptor.NotSupported[ChannelCapabilities.PublishListings];
        Assert.StartsWith("Publish Listings is not supported by Ecomdash", why);
        Assert.Contains("Integrated Import Formats", why);
    }

    [Fact]
    public void The_descriptor_declares_write_back_link_sync_and_export_and_imports_in_process_orders_by_default()
    {
        var descriptor = EcomdashChannel.DescriptorValue;

        Assert.Equal(ChannelCapabilities.DespatchWriteBack | ChannelCapabilities.LinkListings | ChannelCapabilities.SyncListings | ChannelCapabilities.ExportListings,
            descriptor.Capabilities);
        Assert.Equal("InProcess", descriptor.DefaultImportStatus);
        Assert.True(descriptor.ReadsWholeWindow);
    }

    [Fact]
    public void Connecting_needs_the_merchant_key_and_takes_an_application_id()
    {
        var (_, errors) = PartnerValues.Apply(EcomdashConnectionFields.Credentials, new Dictionary<string, string>(), new Dictionary<string, string?>(), "credentials");

        Assert.Contains(errors, e => e.StartsWith("ecdSubscriptionKey is required", StringComparison.Ordinal));
        Assert.True(EcomdashConnectionFields.Credentials.Single(f => f.Name == "ecdSubscriptionKey").Secret);
        Assert.Contains(EcomdashConnectionFields.Credentials, f => f.Name == "applicationId" && !f.Required);
    }

    [Fact]
    public void The_limiter_key_is_shared_by_connections_of_one_merchant_and_never_shows_the_key()
    {
        var a = new EcomdashMerchant("ecomdash-a", "secret-key-1", null);
        var b = new EcomdashMerchant("ecomdash-b", "secret-key-1", "app");
        var c = new EcomdashMerchant("ecomdash-c", "secret-key-2", null);

        Assert.Equal(a.LimiterKey, b.LimiterKey);
        Assert.NotEqual(a.LimiterKey, c.LimiterKey);
        Assert.DoesNotContain("secret-key-1", a.LimiterKey);
        Assert.DoesNotContain("secret-key-1", a.ToString());
    }

    [Theory]
    [InlineData("inprocess", "InProcess")]
    [InlineData("New", "New")]
    [InlineData("Shipped", null)]
    public void Import_statuses_are_ecomdash_s_own(string given, string? expected) =>
        Assert.Equal(expected, EcomdashChannel.CanonicalStatus(given));

    private static readonly IReadOnlyList<EdCarrier> Carriers = [new(4001m, "Royal Mail"), new(4002m, "DPD UK"), new(4003m, "Evri")];

    [Theory]
    [InlineData("RoyalMail", null, 4001)]
    [InlineData("royal-mail", null, 4001)]
    [InlineData("Ekart", "Ekart=Evri", 4003)]
    [InlineData("Ekart", "Ekart=4002", 4002)]
    [InlineData("Ekart", null, null)]
    public void Our_carrier_is_found_by_the_connection_s_map_or_by_name(string ours, string? map, int? expected) =>
        Assert.Equal(expected, (int?)EcomdashReferenceData.CarrierId(Carriers, ours, EcomdashConnectionFields.Pairs.Parse(map)));

    [Fact]
    public void Warehouses_are_found_by_map_or_name_and_totals_go_to_the_default()
    {
        IReadOnlyList<EdWarehouse> warehouses = [new(3001m, "ECD Warehouse", true), new(3002m, "Leeds Overflow", false)];

        Assert.Equal(3002m, EcomdashReferenceData.WarehouseId(warehouses, "LEEDS", EcomdashConnectionFields.Pairs.Parse("LEEDS=Leeds Overflow")));
        Assert.Equal(3001m, EcomdashReferenceData.WarehouseId(warehouses, "ecd warehouse", null));
        Assert.Null(EcomdashReferenceData.WarehouseId(warehouses, "MAIN", null));
        Assert.Equal(3001m, EcomdashReferenceData.DefaultWarehouseId(warehouses, null));
        Assert.Equal(3002m, EcomdashReferenceData.DefaultWarehouseId(warehouses, "Leeds Overflow"));
    }

    [Fact]
    public void Export_columns_are_header_and_field_pairs()
    {
        var columns = EcomdashListings.ParseExportColumns("SKU:Sku, Weight (g):WeightGrams");

        Assert.Equal([new ListingExportColumn("SKU", ListingField.Sku), new ListingExportColumn("Weight (g)", ListingField.WeightGrams)], columns);
        Assert.Null(EcomdashListings.ParseExportColumns("SKU:Colour"));
        Assert.Null(EcomdashListings.ParseExportColumns(""));
        Assert.NotNull(EcomdashListings.ParseExportColumns(new EcomdashOptions().ExportColumns));
    }
}
