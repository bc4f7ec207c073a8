using Azure.Data.Tables;
using Azure.Storage.Queues;
using Fulfilment.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>How the storage connection is read from configuration.</summary>
public sealed class StorageRegistrationTests
{
    [Fact]
    public void Missing_storage_configuration_fails_naming_the_setting()
    {
        using var services = Build([]);

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<TableServiceClient>());

        Assert.Contains("FulfilmentStorage", error.Message);
    }

    [Fact]
    public void Account_name_builds_identity_based_clients_for_each_service()
    {
        using var services = Build(new() { ["FulfilmentStorage:accountName"] = "stfulfilment", ["FulfilmentStorage:credential"] = "managedidentity", ["FulfilmentStorage:clientId"] = "00000000-0000-0000-0000-000000000001" });

        Assert.Equal(new Uri("https://stfulfilment.table.core.windows.net"), services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://stfulfilment.queue.core.windows.net"), services.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal("stfulfilment", services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().AccountName);
    }

    [Fact]
    public void Explicit_service_uris_win_and_a_missing_one_is_named()
    {
        using var partial = Build(new() { ["FulfilmentStorage:tableServiceUri"] = "https://t.example.net", ["FulfilmentStorage:queueServiceUri"] = "https://q.example.net" });
        var error = Assert.Throws<InvalidOperationException>(() => partial.GetRequiredService<StorageConnection>());
        Assert.Contains("FulfilmentStorage__blobServiceUri", error.Message);

        using var full = Build(new() { ["FulfilmentStorage:accountName"] = "acct", ["FulfilmentStorage:tableServiceUri"] = "https://t.example.net/" });
        Assert.Equal(new Uri("https://t.example.net/"), full.GetRequiredService<StorageConnection>().TableServiceUri);
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), full.GetRequiredService<StorageConnection>().BlobServiceUri);
    }

    [Fact]
    public void A_missing_secrets_key_fails_start_up_naming_the_setting()
    {
        using var services = Build(new() { ["FulfilmentStorage"] = "UseDevelopmentStorage=true" });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<IConnectionStore>());

        Assert.Contains("Secrets__ActiveKey", error.Message);
    }

    [Fact]
    public async Task Start_up_creates_every_table_queue_poison_queue_and_the_labels_container()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        using var services = Build(new() { ["FulfilmentStorage"] = azurite.ConnectionString, ["Secrets:ActiveKey"] = Infrastructure.TestSecrets.ActiveKey });

        foreach (var hosted in services.GetServices<IHostedService>())
            await hosted.StartAsync(default);
        await services.GetRequiredService<IStorageInitializer>().EnsureCreatedAsync(default); // twice is fine

        var tables = services.GetRequiredService<TableServiceClient>().Query().Select(t => t.Name).ToList();
        Assert.Equal(StorageNames.Tables.All.Order(), tables.Order());
        var queues = services.GetRequiredService<QueueServiceClient>().GetQueues().Select(q => q.Name).ToList();
        Assert.Equal(StorageNames.Queues.All.SelectMany(q => new[] { q, StorageNames.Queues.Poison(q) }).Order(), queues.Order());
        Assert.True((await services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>()
            .GetBlobContainerClient(StorageNames.Containers.Labels).ExistsAsync()).Value);
        foreach (var store in new[] { typeof(IConnectionStore), typeof(ICarrierAccountStore), typeof(IOrderStore), typeof(IProductStore),
                     typeof(IShippingMappingStore), typeof(IPendingShipmentStore), typeof(IShipmentStore), typeof(ILeaseStore),
                     typeof(IDistributedRateGate), typeof(IWorkQueue), typeof(IQueueInspector), typeof(ILabelStore), typeof(ISingleUseTokenStore) })
            Assert.NotNull(services.GetRequiredService(store));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddFulfilmentStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
