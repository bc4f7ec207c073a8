using Fulfilment.Listings;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Listings;

/// <summary>Queue: pushes changed quantities and prices of a connection's linked listings, in batches.</summary>
public sealed class SyncListings(SyncListingsStep step)
{
    [Function(nameof(SyncListings))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.ListingSync, Connection = StorageNames.ConnectionName)] SyncListingsMessage message,
        CancellationToken cancellationToken) =>
        step.RunAsync(message, cancellationToken);
}
