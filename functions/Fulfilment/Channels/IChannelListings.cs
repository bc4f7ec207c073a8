using Fulfilment.Connections;

namespace Fulfilment.Channels;

/// <summary>An identifier our catalogue and a channel's products can share; listings are matched on them in order.</summary>
public enum ListingIdentifier
{
    Sku,
    Upc,
    Ean,
}

/// <summary>A product as a channel lists it, for linking one of ours to it.</summary>
public sealed record ChannelListing(string ProductId, string Sku, string? Upc, string? Ean, string? Name);

/// <summary>Stock of a linked product in one of our warehouses (by our code), or the total when <see cref="Warehouse"/> is null.</summary>
public sealed record WarehouseQuantity(string? Warehouse, int Quantity);

/// <summary>
/// What to push for one linked product. A part that is null is unchanged since it was last applied, and is not sent.
/// </summary>
public sealed record ListingUpdate
{
    /// <summary>Our SKU, to report results by.</summary>
    public required string Sku { get; init; }
    public required string ChannelProductId { get; init; }
    /// <summary>The SKU the channel knows the product by.</summary>
    public required string ChannelSku { get; init; }
    public IReadOnlyList<WarehouseQuantity>? Quantities { get; init; }
    public decimal? Price { get; init; }
}

/// <summary>What became of one update: why each part failed (null when it was applied, or not sent).</summary>
public sealed record ListingUpdateResult(string Sku, string? QuantityProblem, string? PriceProblem)
{
    public static ListingUpdateResult Applied(string sku) => new(sku, null, null);
}

/// <summary>
/// A channel whose products our catalogue can be linked to (Link Listings) and whose quantities and prices we push
/// (Sync Listings); its descriptor's capabilities say which. Per-item refusals come back as results, never as an
/// exception that fails the batch; transport, auth and rate-limit failures are the channel's <c>PartnerException</c>.
/// </summary>
public interface IChannelListings
{
    string Channel { get; }

    /// <summary>The identifiers the channel can match on, in the order they are tried (e.g. SKU, then UPC, then EAN).</summary>
    IReadOnlyList<ListingIdentifier> MatchOrder { get; }

    /// <summary>The most updates one <see cref="SyncAsync"/> call takes.</summary>
    int MaxSyncBatch { get; }

    /// <summary>Every channel product whose identifier of kind <paramref name="by"/> is one of <paramref name="values"/> (several may share one).</summary>
    Task<IReadOnlyList<ChannelListing>> FindAsync(ChannelConnection connection, ListingIdentifier by, IReadOnlyCollection<string> values, CancellationToken cancellationToken);

    /// <summary>Pushes the updates; one result per update, in any order.</summary>
    Task<IReadOnlyList<ListingUpdateResult>> SyncAsync(ChannelConnection connection, IReadOnlyList<ListingUpdate> updates, CancellationToken cancellationToken);
}

/// <summary>A column of a product feed, and what it holds.</summary>
public enum ListingField
{
    Sku,
    Name,
    Quantity,
    Price,
    Upc,
    Ean,
    WeightGrams,
}

/// <summary>One column of a channel's import format: its header and the field it holds.</summary>
public sealed record ListingExportColumn(string Header, ListingField Field);

/// <summary>
/// A channel that imports a product feed we serve (a custom export): the CSV columns it reads, for a connection's
/// listings, at <c>channels/{channel}/export/{connectionId}?key=…</c>.
/// </summary>
public interface IChannelListingExport
{
    string Channel { get; }

    IReadOnlyList<ListingExportColumn> ExportColumns(ChannelConnection connection);
}
