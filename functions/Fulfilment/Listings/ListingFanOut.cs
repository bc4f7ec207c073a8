using Fulfilment.Catalogue;
using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Listings;

/// <summary>
/// Starts listing runs: one message per active connection whose channel can do it, on a timer (link, sync) and when the
/// catalogue changes (sync only what changed), so each connection runs in its own invocation.
/// </summary>
public sealed class ListingFanOut(IConnectionStore connections, ListingPartners partners, IWorkQueue queue, ILogger<ListingFanOut> logger) : ICatalogueChangeListener
{
    public async Task<int> RunAsync(ListingRunKind kind, CancellationToken cancellationToken)
    {
        var capability = kind == ListingRunKind.Link ? ChannelCapabilities.LinkListings : ChannelCapabilities.SyncListings;
        var sent = 0;
        foreach (var connection in await connections.ListAsync(cancellationToken))
        {
            if (connection.Status != ConnectionStatus.Active || !partners.Can(connection.Channel, capability))
                continue;
            var traceParent = PipelineTracing.CurrentTraceParent();
            if (kind == ListingRunKind.Link)
                await queue.SendAsync(StorageNames.Queues.ListingLink, new LinkListingsMessage(connection.Id, traceParent), cancellationToken);
            else
                await queue.SendAsync(StorageNames.Queues.ListingSync, new SyncListingsMessage(connection.Id, traceParent), cancellationToken);
            sent++;
        }
        logger.LogInformation("Started listing {Kind} for {Count} connection(s).", kind, sent);
        return sent;
    }

    /// <summary>A catalogue change: each sync pushes only the listings whose quantity or price differs from what was applied.</summary>
    public Task CatalogueChangedAsync(CancellationToken cancellationToken) => RunAsync(ListingRunKind.Sync, cancellationToken);
}
