using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Fulfilment.Secrets;
using Fulfilment.Storage.Blobs;
using Fulfilment.Storage.Queues;
using Fulfilment.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fulfilment.Storage;

/// <summary>Registers the storage clients (singletons), every store and the start-up initializer.</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddFulfilmentStorage(this IServiceCollection services, IConfiguration configuration)
    {
        // Read when first needed (the hosted initializer resolves it at start-up), so late configuration sources count.
        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp =>
        {
            var c = sp.GetRequiredService<StorageConnection>();
            return c.ConnectionString is not null ? new TableServiceClient(c.ConnectionString) : new TableServiceClient(c.TableServiceUri, c.Credential);
        });
        services.TryAddSingleton(sp =>
        {
            var c = sp.GetRequiredService<StorageConnection>();
            // The Functions host's queue trigger (host.json messageEncoding) expects base64.
            var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            return c.ConnectionString is not null ? new QueueServiceClient(c.ConnectionString, options) : new QueueServiceClient(c.QueueServiceUri, c.Credential, options);
        });
        services.TryAddKeyedSingleton(StoragePoisonQueues.RawClientKey, (sp, _) =>
        {
            var c = sp.GetRequiredService<StorageConnection>();
            var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
            return c.ConnectionString is not null ? new QueueServiceClient(c.ConnectionString, options) : new QueueServiceClient(c.QueueServiceUri, c.Credential, options);
        });
        services.TryAddSingleton(sp =>
        {
            var c = sp.GetRequiredService<StorageConnection>();
            return c.ConnectionString is not null ? new BlobServiceClient(c.ConnectionString) : new BlobServiceClient(c.BlobServiceUri, c.Credential);
        });

        // Partner credentials are encrypted before they reach a table: no key, no start.
        services.AddOptions<SecretsOptions>().Bind(configuration.GetSection(SecretsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SecretProtector>();

        services.TryAddSingleton<IConnectionStore, TableConnectionStore>();
        services.TryAddSingleton<ICarrierAccountStore, TableCarrierAccountStore>();
        services.TryAddSingleton<IOrderStore, TableOrderStore>();
        services.TryAddSingleton<IProductStore, TableProductStore>();
        services.TryAddSingleton<IShippingMappingStore, TableShippingMappingStore>();
        services.TryAddSingleton<IPendingShipmentStore, TablePendingShipmentStore>();
        services.TryAddSingleton<IShipmentStore, TableShipmentStore>();
        services.TryAddSingleton<ILeaseStore, TableLeaseStore>();
        services.TryAddSingleton<IDistributedRateGate, TableRateGate>();
        services.TryAddSingleton<ISingleUseTokenStore, TableSingleUseTokenStore>();
        services.TryAddSingleton<IFailureStore, TableFailureStore>();
        services.TryAddSingleton<IWriteBackOutbox, TableWriteBackOutbox>();
        services.TryAddSingleton<IWorkQueue, StorageWorkQueue>();
        services.TryAddSingleton<IQueueInspector, StorageQueueInspector>();
        services.TryAddSingleton<IPoisonQueues, StoragePoisonQueues>();
        services.TryAddSingleton<ILabelStore, BlobLabelStore>();
        services.TryAddSingleton<ITrackingEventStore, TableTrackingEventStore>();
        services.TryAddSingleton<IIdentifierStore, TableIdentifierStore>();
        services.TryAddSingleton<IRoutingRuleStore, TableRoutingRuleStore>();
        services.TryAddSingleton<IDistributedQuota, TableQuota>();
        services.TryAddSingleton<IDistributedSemaphore, LeaseSemaphore>();
        services.TryAddSingleton<IListingStore, TableListingStore>();
        services.TryAddSingleton<IListingRunStore, TableListingRunStore>();
        services.TryAddSingleton<IExportLinkStore, TableExportLinkStore>();

        services.TryAddSingleton<IStorageInitializer, StorageInitializer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, StorageInitializerHostedService>());
        return services;
    }
}
