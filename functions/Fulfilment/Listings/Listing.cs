using Fulfilment.Channels;

namespace Fulfilment.Listings;

/// <summary>Where a listing stands with its channel's products.</summary>
public enum ListingStatus
{
    /// <summary>Created, not yet looked for on the channel.</summary>
    Unlinked,
    /// <summary>Linked to exactly one channel product; synced.</summary>
    Linked,
    /// <summary>No channel product has its SKU, UPC or EAN.</summary>
    Unmatched,
    /// <summary>More than one channel product matches (or one matches several of ours): not guessed, an operator decides.</summary>
    Ambiguous,
}

/// <summary>
/// One of our catalogue products offered on one channel connection: its link to the channel's product, and what was
/// last pushed to it (quantities and price as text, so a change is seen by comparing) or why that failed.
/// </summary>
public sealed record Listing
{
    public required string ConnectionId { get; init; }
    /// <summary>Our catalogue SKU.</summary>
    public required string Sku { get; init; }
    public ListingStatus Status { get; init; }
    public string? ChannelProductId { get; init; }
    /// <summary>The SKU the channel knows the product by (it may differ from ours when linked by UPC or EAN).</summary>
    public string? ChannelSku { get; init; }
    public ListingIdentifier? MatchedBy { get; init; }
    /// <summary>Why the listing is Unmatched or Ambiguous, in words an operator can act on.</summary>
    public string? LinkProblem { get; init; }
    public DateTimeOffset? LinkCheckedAt { get; init; }
    /// <summary>The quantities last applied on the channel ("MAIN=40;LEEDS=12", or "=40" for a total).</summary>
    public string? SyncedQuantities { get; init; }
    /// <summary>The price last applied on the channel (invariant culture).</summary>
    public string? SyncedPrice { get; init; }
    public DateTimeOffset? SyncedAt { get; init; }
    /// <summary>Why the last push of this listing failed (the channel's per-item message); null once a push succeeds.</summary>
    public string? SyncProblem { get; init; }
    public DateTimeOffset? SyncProblemAt { get; init; }
}

/// <summary>A link run's verdict on one listing.</summary>
public sealed record LinkOutcome(string Sku, ListingStatus Status, string? ChannelProductId, string? ChannelSku, ListingIdentifier? MatchedBy, string? Problem);

/// <summary>
/// A sync run's result for one listing: the quantities and price now applied on the channel (null: that part was not
/// applied, so it is tried again next time), and the problem when a part failed (null clears an earlier one).
/// </summary>
public sealed record SyncOutcome(string Sku, string? SyncedQuantities, string? SyncedPrice, string? Problem);

/// <summary>Which kind of listing run.</summary>
public enum ListingRunKind
{
    Link,
    Sync,
}

/// <summary>What the latest link or sync run of a connection did, for the management API.</summary>
public sealed record ListingRun(string ConnectionId, ListingRunKind Kind, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Summary, string? Problem);
