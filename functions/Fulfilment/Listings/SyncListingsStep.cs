using System.Diagnostics;
using Fulfilment.Channels;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Fulfilment.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Listings;

/// <summary>What one sync invocation did.</summary>
public sealed record SyncRunResult(string ConnectionId, int Pushed, int Failed, int Unchanged, bool MoreToDo, string? StoppedBecause);

/// <summary>
/// Queue step (Sync Listings): pushes the quantity on hand (per warehouse) and price of a connection's linked listings
/// that changed since they were last applied, in the channel's batch size. A refused item is recorded on its listing
/// (and pushed again next time) without failing its batch; a refused batch is recorded on its items and the next batch
/// goes on; a rate limit or outage puts the run off, resuming where it stopped. One sync per connection at a time (a
/// lease). Safe to run twice: quantities and prices are set, not added, and what was applied is recorded per batch.
/// </summary>
public sealed class SyncListingsStep(
    IListingStore listings,
    IProductStore products,
    ILeaseStore leases,
    ListingPartners partners,
    ListingRuns runs,
    TimeProvider time,
    ILogger<SyncListingsStep> logger)
{
    public async Task<SyncRunResult> RunAsync(SyncListingsMessage message, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag("connection.id", message.ConnectionId);
        var startedAt = time.GetUtcNow();
        await using var lease = await leases.TryAcquireAsync($"listing-sync-{message.ConnectionId}", TimeSpan.FromSeconds(runs.Options.LeaseSeconds), cancellationToken);
        if (lease is null)
        {
            // The running sync may have read the catalogue before the change that sent this message: come back later.
            await runs.PutOffAsync(message, message.Attempt, (m, a) => m with { Attempt = a }, ListingRunKind.Sync, startedAt, "another sync of the connection is running", cancellationToken);
            return new SyncRunResult(message.ConnectionId, 0, 0, 0, true, "another sync is running");
        }
        if (await runs.ActiveConnectionAsync(message.ConnectionId, ListingRunKind.Sync, startedAt, cancellationToken) is not { } connection)
            return new SyncRunResult(message.ConnectionId, 0, 0, 0, false, "the connection is not active");
        if (partners.Find(connection.Channel, ChannelCapabilities.SyncListings) is not { } channel)
        {
            await runs.RecordAsync(connection.Id, ListingRunKind.Sync, startedAt, "not run", $"channel {connection.Channel} cannot sync listings", cancellationToken);
            return new SyncRunResult(connection.Id, 0, 0, 0, false, "the channel cannot sync listings");
        }

        var after = message.AfterSku is null ? null : TableKeys.Escape(message.AfterSku);
        var linked = new List<Listing>();
        await foreach (var listing in listings.ListAsync(connection.Id, cancellationToken))
        {
            if (listing is { Status: ListingStatus.Linked, ChannelProductId: not null, ChannelSku: not null }
                && (after is null || string.CompareOrdinal(TableKeys.Escape(listing.Sku), after) > 0))
                linked.Add(listing);
        }
        linked.Sort((a, b) => string.CompareOrdinal(TableKeys.Escape(a.Sku), TableKeys.Escape(b.Sku)));

        var deadline = startedAt.AddSeconds(runs.Options.TimeBudgetSeconds);
        int pushed = 0, failed = 0, unchanged = 0;
        string? done = message.AfterSku;
        foreach (var chunk in linked.Chunk(Math.Max(1, channel.MaxSyncBatch)))
        {
            var catalogue = await products.GetManyAsync(chunk.Select(l => l.Sku), cancellationToken);
            var outcomes = new List<SyncOutcome>();
            var updates = new List<(ListingUpdate Update, Catalogue.Product Product)>();
            foreach (var listing in chunk)
            {
                if (!catalogue.TryGetValue(listing.Sku, out var product))
                {
                    outcomes.Add(new SyncOutcome(listing.Sku, null, null, $"SKU {listing.Sku} is no longer in our catalogue; nothing was pushed."));
                    failed++;
                }
                else if (ListingSyncPlan.Update(listing, product, message.Full) is { } update)
                    updates.Add((update, product));
                else
                    unchanged++;
            }

            if (updates.Count > 0)
            {
                IReadOnlyList<ListingUpdateResult> results;
                try
                {
                    results = await channel.SyncAsync(connection, updates.Select(u => u.Update).ToList(), cancellationToken);
                }
                catch (PartnerException ex) when (ex.IsRetryable)
                {
                    // Resume where this batch starts; what earlier batches applied is recorded already.
                    await listings.SaveSyncAsync(connection.Id, outcomes, time.GetUtcNow(), cancellationToken);
                    await runs.PutOffAsync(message, message.Attempt, (m, a) => m with { Attempt = a, AfterSku = done }, ListingRunKind.Sync, startedAt,
                        $"{ex.Partner}: {ex.Message}", cancellationToken);
                    return new SyncRunResult(connection.Id, pushed, failed, unchanged, true, ex.Message);
                }
                catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
                {
                    await runs.StoppedAsync(connection, ListingRunKind.Sync, startedAt, $"{pushed} pushed, {failed} failed before the stop", ex, cancellationToken);
                    return new SyncRunResult(connection.Id, pushed, failed, unchanged, false, ex.Message);
                }
                catch (PartnerException ex)
                {
                    // The channel refused the whole batch: each of its items records why; the next batch goes on.
                    results = updates.Select(u => new ListingUpdateResult(u.Update.Sku, $"{ex.Partner} refused the batch: {ex.Message}", null)).ToList();
                }
                var bySku = results.GroupBy(r => r.Sku, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
                foreach (var (update, product) in updates)
                {
                    var result = bySku.GetValueOrDefault(update.Sku) ?? new ListingUpdateResult(update.Sku, $"{connection.Channel} did not answer for this item.", null);
                    var outcome = ListingSyncPlan.Outcome(update, product, result);
                    outcomes.Add(outcome);
                    if (outcome.Problem is null) pushed++;
                    else failed++;
                }
            }
            await listings.SaveSyncAsync(connection.Id, outcomes, time.GetUtcNow(), cancellationToken);
            done = chunk[^1].Sku;

            if (!ReferenceEquals(chunk[^1], linked[^1]) && (time.GetUtcNow() >= deadline || !await lease.RenewAsync(cancellationToken)))
            {
                await runs.SendAsync(ListingRunKind.Sync, new SyncListingsMessage(connection.Id, PipelineTracing.CurrentTraceParent()) { Full = message.Full, AfterSku = done }, cancellationToken);
                await runs.RecordAsync(connection.Id, ListingRunKind.Sync, startedAt, $"{pushed} pushed, {failed} failed, {unchanged} unchanged; continuing", null, cancellationToken);
                return new SyncRunResult(connection.Id, pushed, failed, unchanged, true, null);
            }
        }

        var summary = $"{pushed} pushed, {failed} failed, {unchanged} unchanged";
        await runs.RecordAsync(connection.Id, ListingRunKind.Sync, startedAt, summary, failed > 0 ? $"{failed} listing(s) failed; each says why (status SyncFailed)" : null, cancellationToken);
        logger.LogInformation("Synced listings of {ConnectionId}: {Summary}.", connection.Id, summary);
        return new SyncRunResult(connection.Id, pushed, failed, unchanged, false, null);
    }
}
