using Fulfilment.Listings;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Listings;

/// <summary>Queue: links a connection's listings to the channel's products (by SKU, then UPC, then EAN).</summary>
public sealed class LinkListings(LinkListingsStep step)
{
    [Function(nameof(LinkListings))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.ListingLink, Connection = StorageNames.ConnectionName)] LinkListingsMessage message,
        CancellationToken cancellationToken) =>
        step.RunAsync(message, cancellationToken);
}
