using Fulfilment.Channels;
using Fulfilment.IntegrationTests.Storage;
using Fulfilment.Listings;
using Fulfilment.Storage;

namespace Fulfilment.IntegrationTests.Listings;

/// <summary>Listings, runs and export links in Azurite.</summary>
public sealed class ListingStoreTests
{
    [Fact]
    public async Task Adding_listings_again_keeps_their_links_and_sync_state()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IListingStore>();
        var connection = StorageTestContext.Unique("ecomdash");
        var at = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        await store.AddAsync(connection, ["MUG/RED", "LAMP"], default);
        await store.SaveLinksAsync(connection, [new LinkOutcome("MUG/RED", ListingStatus.Linked, "40001", "MUG-RED", ListingIdentifier.Upc, null)], at, default);
        await store.SaveSyncAsync(connection, [new SyncOutcome("MUG/RED", "=5", "8.5", null)], at, default);

        await store.AddAsync(connection, ["MUG/RED", "TEE"], default);

        var listings = new List<Listing>();
        await foreach (var listing in store.ListAsync(connection, default))
            listings.Add(listing);
        Assert.Equal(["LAMP", "MUG/RED", "TEE"], listings.Select(l => l.Sku).Order(StringComparer.Ordinal));
        var mug = listings.Single(l => l.Sku == "MUG/RED");
        Assert.Equal((ListingStatus.Linked, "40001", "MUG-RED", ListingIdentifier.Upc, "=5", "8.5", at), (mug.Status, mug.ChannelProductId, mug.ChannelSku, mug.MatchedBy, mug.SyncedQuantities, mug.SyncedPrice, mug.SyncedAt));
        Assert.All(listings.Where(l => l.Sku != "MUG/RED"), l => Assert.Equal(ListingStatus.Unlinked, l.Status));
    }

    [Fact]
    public async Task Link_and_sync_results_write_only_their_own_columns_and_clear_what_no_longer_holds()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IListingStore>();
        var connection = StorageTestContext.Unique("ecomdash");
        var at = DateTimeOffset.UtcNow;
        await store.AddAsync(connection, ["MUG"], default);
        await store.SaveLinksAsync(connection, [new LinkOutcome("MUG", ListingStatus.Linked, "40001", "MUG-RED", ListingIdentifier.Sku, null)], at, default);
        await store.SaveSyncAsync(connection, [new SyncOutcome("MUG", null, null, "Ecomdash: Index 0: No active products with SKU 'MUG-RED' were found.")], at, default);
        Assert.NotNull((await store.GetAsync(connection, "MUG", default))!.SyncProblem);

        await store.SaveSyncAsync(connection, [new SyncOutcome("MUG", "=4", null, null)], at, default);
        await store.SaveLinksAsync(connection, [new LinkOutcome("MUG", ListingStatus.Unmatched, null, null, null, "No Ecomdash product has SKU MUG.")], at, default);

        var mug = (await store.GetAsync(connection, "MUG", default))!;
        Assert.Equal((ListingStatus.Unmatched, (string?)null, (string?)null, "No Ecomdash product has SKU MUG."), (mug.Status, mug.ChannelProductId, mug.SyncProblem, mug.LinkProblem));
        Assert.Equal("=4", mug.SyncedQuantities);
    }

    [Fact]
    public async Task An_export_secret_is_stored_encrypted_and_replaced_when_issued_again()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var links = new ExportLinks(ctx.Get<IExportLinkStore>(), TimeProvider.System);
        var connection = StorageTestContext.Unique("ecomdash");

        var first = await links.IssueAsync(connection, default);
        var second = await links.IssueAsync(connection, default);

        Assert.True(await links.IsValidAsync(connection, second.Secret, default));
        Assert.False(await links.IsValidAsync(connection, first.Secret, default));
        Assert.False(await links.IsValidAsync(connection, null, default));
        var row = (await ctx.Tables.GetTableClient(StorageNames.Tables.ExportLinks).GetEntityAsync<Azure.Data.Tables.TableEntity>("export", connection)).Value;
        Assert.DoesNotContain(second.Secret, string.Join(" ", row.Select(p => p.Value?.ToString())));
        Assert.DoesNotContain(second.Secret, second.ToString());
        Assert.True(await links.RevokeAsync(connection, default));
        Assert.False(await links.IsValidAsync(connection, second.Secret, default));
    }

    [Fact]
    public async Task The_latest_run_of_each_kind_is_kept()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var runs = ctx.Get<IListingRunStore>();
        var connection = StorageTestContext.Unique("ecomdash");
        var at = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        await runs.SaveAsync(new ListingRun(connection, ListingRunKind.Sync, at, at.AddSeconds(3), "3 pushed", null), default);
        await runs.SaveAsync(new ListingRun(connection, ListingRunKind.Sync, at.AddMinutes(15), at.AddMinutes(15).AddSeconds(2), "1 pushed, 1 failed", "1 listing(s) failed"), default);

        Assert.Equal(new ListingRun(connection, ListingRunKind.Sync, at.AddMinutes(15), at.AddMinutes(15).AddSeconds(2), "1 pushed, 1 failed", "1 listing(s) failed"),
            await runs.GetAsync(connection, ListingRunKind.Sync, default));
        Assert.Null(await runs.GetAsync(connection, ListingRunKind.Link, default));
    }
}
