using System.Diagnostics;
using Fulfilment.Channels;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Fulfilment.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Listings;

/// <summary>What one link invocation decided.</summary>
public sealed record LinkRunResult(string ConnectionId, int Linked, int Unmatched, int Ambiguous, bool MoreToDo, string? StoppedBecause);

/// <summary>
/// Queue step (Link Listings): looks for a connection's listings that are not linked on the channel, by the channel's
/// identifiers in order (SKU, UPC, EAN), and records each verdict: linked, unmatched or ambiguous, with the reason. One
/// link run per connection at a time (a lease); a large set continues in a follow-up message. Newly linked listings
/// are synced straight away. Safe to run twice: verdicts are recomputed and written whole.
/// </summary>
public sealed class LinkListingsStep(
    IListingStore listings,
    IProductStore products,
    ILeaseStore leases,
    ListingPartners partners,
    ListingRuns runs,
    TimeProvider time,
    ILogger<LinkListingsStep> logger)
{
    public async Task<LinkRunResult> RunAsync(LinkListingsMessage message, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag("connection.id", message.ConnectionId);
        var startedAt = time.GetUtcNow();
        await using var lease = await leases.TryAcquireAsync($"listing-link-{message.ConnectionId}", TimeSpan.FromSeconds(runs.Options.LeaseSeconds), cancellationToken);
        if (lease is null)
        {
            // Another link run holds the connection; it may have passed listings added since, so this one comes back later.
            await runs.PutOffAsync(message, message.Attempt, (m, a) => m with { Attempt = a }, ListingRunKind.Link, startedAt, "another link run of the connection is running", cancellationToken);
            return new LinkRunResult(message.ConnectionId, 0, 0, 0, true, "another link run is running");
        }
        if (await runs.ActiveConnectionAsync(message.ConnectionId, ListingRunKind.Link, startedAt, cancellationToken) is not { } connection)
            return new LinkRunResult(message.ConnectionId, 0, 0, 0, false, "the connection is not active");
        if (partners.Find(connection.Channel, ChannelCapabilities.LinkListings) is not { } channel)
        {
            await runs.RecordAsync(connection.Id, ListingRunKind.Link, startedAt, "not run", $"channel {connection.Channel} cannot link listings", cancellationToken);
            return new LinkRunResult(connection.Id, 0, 0, 0, false, "the channel cannot link listings");
        }

        var all = new List<Listing>();
        await foreach (var listing in listings.ListAsync(connection.Id, cancellationToken))
            all.Add(listing);
        var after = message.AfterSku is null ? null : TableKeys.Escape(message.AfterSku);
        var todo = all.Where(l => (message.Relink || l.Status != ListingStatus.Linked) && (after is null || string.CompareOrdinal(TableKeys.Escape(l.Sku), after) > 0))
            .OrderBy(l => TableKeys.Escape(l.Sku), StringComparer.Ordinal)
            .Take(runs.Options.LinkBatchSize)
            .ToList();
        var skus = todo.Select(l => l.Sku).ToHashSet(StringComparer.Ordinal);
        var linkedElsewhere = all.Where(l => l.Status == ListingStatus.Linked && l.ChannelProductId is not null && !skus.Contains(l.Sku))
            .GroupBy(l => l.ChannelProductId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Sku, StringComparer.Ordinal);
        var catalogue = await products.GetManyAsync(skus, cancellationToken);

        var matcher = new ListingMatcher(channel.Channel, todo.Select(l => (l.Sku, catalogue.GetValueOrDefault(l.Sku))), linkedElsewhere);
        try
        {
            foreach (var kind in channel.MatchOrder)
            {
                var values = matcher.Values(kind);
                if (values.Count > 0)
                    matcher.Apply(kind, await channel.FindAsync(connection, kind, values, cancellationToken));
            }
        }
        catch (PartnerException ex) when (ex.IsRetryable)
        {
            await runs.PutOffAsync(message, message.Attempt, (m, a) => m with { Attempt = a }, ListingRunKind.Link, startedAt, $"{ex.Partner}: {ex.Message}", cancellationToken);
            return new LinkRunResult(connection.Id, 0, 0, 0, true, ex.Message);
        }
        catch (PartnerException ex)
        {
            await runs.StoppedAsync(connection, ListingRunKind.Link, startedAt, "stopped", ex, cancellationToken);
            return new LinkRunResult(connection.Id, 0, 0, 0, false, ex.Message);
        }

        var outcomes = matcher.Outcomes();
        await listings.SaveLinksAsync(connection.Id, outcomes, time.GetUtcNow(), cancellationToken);
        var linked = outcomes.Count(o => o.Status == ListingStatus.Linked);
        var unmatched = outcomes.Count(o => o.Status == ListingStatus.Unmatched);
        var ambiguous = outcomes.Count(o => o.Status == ListingStatus.Ambiguous);
        var byKind = string.Join(", ", outcomes.Where(o => o.MatchedBy is not null).GroupBy(o => o.MatchedBy!.Value).OrderBy(g => g.Key).Select(g => $"{g.Count()} by {g.Key}"));
        var summary = $"{linked} linked{(byKind.Length > 0 ? $" ({byKind})" : "")}, {unmatched} unmatched, {ambiguous} ambiguous";

        var more = todo.Count == runs.Options.LinkBatchSize && all.Any(l => (message.Relink || l.Status != ListingStatus.Linked)
            && string.CompareOrdinal(TableKeys.Escape(l.Sku), TableKeys.Escape(todo[^1].Sku)) > 0);
        if (more)
            await runs.SendAsync(ListingRunKind.Link, new LinkListingsMessage(connection.Id, PipelineTracing.CurrentTraceParent()) { Relink = message.Relink, AfterSku = todo[^1].Sku }, cancellationToken);
        if (linked > 0)
            await runs.SendAsync(ListingRunKind.Sync, new SyncListingsMessage(connection.Id, PipelineTracing.CurrentTraceParent()), cancellationToken);
        await runs.RecordAsync(connection.Id, ListingRunKind.Link, startedAt, more ? summary + "; continuing" : summary, null, cancellationToken);
        logger.LogInformation("Linked listings of {ConnectionId}: {Summary}.", connection.Id, summary);
        return new LinkRunResult(connection.Id, linked, unmatched, ambiguous, more, null);
    }
}
