using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Xunit;

namespace Fulfilment.IntegrationTests.Infrastructure;

/// <summary>The test Azurite serves all three services and really stops when disposed.</summary>
public sealed class AzuriteInstanceTests
{
    [Fact]
    public async Task Private_instance_serves_tables_queues_and_blobs_and_stops_on_dispose()
    {
        var azurite = await AzuriteInstance.StartAsync();
        await using (azurite)
        {
            var tables = new TableServiceClient(azurite.ConnectionString);
            await tables.CreateTableIfNotExistsAsync("Smoke");
            var queues = new QueueServiceClient(azurite.ConnectionString);
            await queues.GetQueueClient("smoke").CreateIfNotExistsAsync();
            var blobs = new BlobServiceClient(azurite.ConnectionString);
            await blobs.GetBlobContainerClient("smoke").CreateIfNotExistsAsync();

            Assert.Contains(tables.Query(), t => t.Name == "Smoke");
            Assert.True((await queues.GetQueueClient("smoke").ExistsAsync()).Value);
            Assert.True((await blobs.GetBlobContainerClient("smoke").ExistsAsync()).Value);
        }

        using var probe = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(
            () => probe.ConnectAsync(System.Net.IPAddress.Loopback, azurite.TablePort));
    }

    [Fact]
    public async Task Shared_instance_is_one_process_and_survives_dispose()
    {
        var first = await AzuriteInstance.Shared;
        await first.DisposeAsync();
        var second = await AzuriteInstance.Shared;

        Assert.Same(first, second);
        var tables = new TableServiceClient(second.ConnectionString);
        await tables.CreateTableIfNotExistsAsync("SharedSmoke");
    }
}
