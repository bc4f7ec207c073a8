using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;

namespace Fulfilment.Storage;

/// <summary>Creates every table, queue (with its poison queue) and container we use; safe to run any number of times.</summary>
public interface IStorageInitializer
{
    Task EnsureCreatedAsync(CancellationToken cancellationToken);
}

/// <summary>Creates our tables, queues, poison queues and the labels container, tolerating "already exists".</summary>
public sealed class StorageInitializer(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs) : IStorageInitializer
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        work.AddRange(StorageNames.Tables.All.Select(t => tables.CreateTableIfNotExistsAsync(t, cancellationToken)));
        // Poison queues too, so Health can read their depth before the host has ever moved a message there.
        work.AddRange(StorageNames.Queues.All
            .SelectMany(q => new[] { q, StorageNames.Queues.Poison(q) })
            .Select(q => queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.Add(blobs.GetBlobContainerClient(StorageNames.Containers.Labels).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        await Task.WhenAll(work);
    }
}

/// <summary>Runs <see cref="IStorageInitializer"/> once at start-up; a failure (e.g. bad configuration) stops the start.</summary>
public sealed class StorageInitializerHostedService(IStorageInitializer initializer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initializer.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
