using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Fulfilment.IntegrationTests.Infrastructure;
using Fulfilment.Orders;
using Fulfilment.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>The real storage registration against an Azurite, with every table and queue created.</summary>
public sealed class StorageTestContext : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StorageTestContext(AzuriteInstance azurite, ServiceProvider services)
    {
        Azurite = azurite;
        _services = services;
    }

    public AzuriteInstance Azurite { get; }
    public TableServiceClient Tables => Get<TableServiceClient>();
    public QueueServiceClient Queues => Get<QueueServiceClient>();
    public BlobServiceClient Blobs => Get<BlobServiceClient>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>On the shared Azurite: tests isolate themselves with <see cref="Unique"/> keys.</summary>
    public static async Task<StorageTestContext> SharedAsync() => await CreateAsync(await AzuriteInstance.Shared);

    public static async Task<StorageTestContext> CreateAsync(AzuriteInstance azurite)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StorageNames.ConnectionName] = azurite.ConnectionString,
                ["Secrets:ActiveKey"] = TestSecrets.ActiveKey,
            })
            .Build();
        var services = new ServiceCollection().AddFulfilmentStorage(configuration).BuildServiceProvider();
        await services.GetRequiredService<IStorageInitializer>().EnsureCreatedAsync(CancellationToken.None);
        return new StorageTestContext(azurite, services);
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static ChannelOrder Snapshot(string channelOrderId, string? customerNote = null) => new()
    {
        ChannelOrderId = channelOrderId,
        OrderNumber = "N-" + channelOrderId,
        CreatedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
        ModifiedAt = new DateTimeOffset(2026, 11, 20, 9, 45, 0, TimeSpan.Zero),
        ChannelStatus = "Awaiting Fulfillment",
        Currency = "GBP",
        Subtotal = 12.50m,
        ShippingCost = 3.95m,
        Total = 16.45m,
        ShippingAddress = new Address { FullName = "Ada Lovelace", Line1 = "1 St James's Square", City = "London", Postcode = "SW1Y 4JU", CountryCode = "GB" },
        ShippingMethod = "Royal Mail Tracked 24",
        Lines =
        [
            new ChannelOrderLine { LineId = "1", Sku = "MUG-BLUE", Name = "Blue mug", Quantity = 2, UnitPrice = 6.25m, IsPhysical = true },
        ],
        CustomerNote = customerNote,
    };

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
