using Fulfilment.Listings;

namespace Fulfilment.Storage;

/// <summary>Listings by connection (one partition each) and SKU: their links to channel products and their sync state.</summary>
public interface IListingStore
{
    /// <summary>Creates a listing (Unlinked) for each SKU the connection has none for; existing listings are kept as they are.</summary>
    Task AddAsync(string connectionId, IReadOnlyCollection<string> skus, CancellationToken cancellationToken);
    Task<Listing?> GetAsync(string connectionId, string sku, CancellationToken cancellationToken);
    /// <summary>The connection's listings in SKU order (as stored keys sort), streamed page by page.</summary>
    IAsyncEnumerable<Listing> ListAsync(string connectionId, CancellationToken cancellationToken);
    /// <summary>Writes link verdicts (only the link columns: a sync running meanwhile keeps its own).</summary>
    Task SaveLinksAsync(string connectionId, IReadOnlyList<LinkOutcome> outcomes, DateTimeOffset at, CancellationToken cancellationToken);
    /// <summary>Writes sync results (only the sync columns: a link run meanwhile keeps its own).</summary>
    Task SaveSyncAsync(string connectionId, IReadOnlyList<SyncOutcome> outcomes, DateTimeOffset at, CancellationToken cancellationToken);
    /// <summary>False when there was no such listing.</summary>
    Task<bool> RemoveAsync(string connectionId, string sku, CancellationToken cancellationToken);
}

/// <summary>The latest link and sync run of each connection.</summary>
public interface IListingRunStore
{
    Task SaveAsync(ListingRun run, CancellationToken cancellationToken);
    Task<ListingRun?> GetAsync(string connectionId, ListingRunKind kind, CancellationToken cancellationToken);
}
