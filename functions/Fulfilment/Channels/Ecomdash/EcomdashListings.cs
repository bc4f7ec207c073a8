using System.Collections.Concurrent;
using Fulfilment.Channels.Ecomdash.Dtos;
using Fulfilment.Connections;
using Fulfilment.Listings;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>
/// Link Listings (by SKU and UPC with getProducts; by EAN by paging the inventory, the only place Ecomdash shows it),
/// Sync Listings (quantity on hand per warehouse with updateQuantityOnHand, per-item refusals read from its "Index N"
/// messages; price with a product update, UNCONFIRMED) and the custom export's columns. Publishing is not possible:
/// see <see cref="EcomdashChannel.PublishNotSupported"/>.
/// </summary>
public sealed class EcomdashListings(
    EcomdashClient client,
    EcomdashReferenceData reference,
    IOptionsMonitor<EcomdashOptions> options,
    TimeProvider time) : IChannelListings, IChannelListingExport
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<EdProduct> Products)> _inventory = new(StringComparer.Ordinal);

    public string Channel => EcomdashChannel.ChannelName;

    public IReadOnlyList<ListingIdentifier> MatchOrder { get; } = [ListingIdentifier.Sku, ListingIdentifier.Upc, ListingIdentifier.Ean];

    /// <summary>Products per sync batch; each may be several quantity elements (one per warehouse) and one price update.</summary>
    public int MaxSyncBatch => 50;

    public async Task<IReadOnlyList<ChannelListing>> FindAsync(ChannelConnection connection, ListingIdentifier by, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        var merchant = EcomdashMerchant.Of(connection);
        var wanted = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0)
            return [];
        if (by == ListingIdentifier.Ean)
            return await FindByEanAsync(merchant, wanted, cancellationToken);

        var found = new List<ChannelListing>();
        foreach (var batch in wanted.Chunk(options.CurrentValue.ProductLookupBatchSize))
        {
            var matches = await client.GetProductsAsync(merchant, by == ListingIdentifier.Sku ? "sku" : "upc", batch, cancellationToken);
            found.AddRange(matches.Where(m => EcomdashIds.Text(m.Id) is not null && !string.IsNullOrWhiteSpace(m.Sku))
                .Select(m => new ChannelListing(EcomdashIds.Text(m.Id)!, m.Sku!.Trim(), m.UPC, null, null)));
        }
        return found.DistinctBy(f => f.ProductId).ToList();
    }

    /// <summary>EAN is not a getProducts idType (portal): the inventory is paged once (and remembered a while) and filtered here.</summary>
    private async Task<IReadOnlyList<ChannelListing>> FindByEanAsync(EcomdashMerchant merchant, IReadOnlyList<string> eans, CancellationToken cancellationToken)
    {
        var keys = eans.Select(e => ListingKeys.Normalise(ListingIdentifier.Ean, e)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var products = await InventoryAsync(merchant, cancellationToken);
        return products
            .Where(p => EcomdashIds.Text(p.Id) is not null && !string.IsNullOrWhiteSpace(p.Sku) && p.IsActive != false
                        && ListingKeys.Normalise(ListingIdentifier.Ean, p.Identifiers?.EAN) is { } ean && keys.Contains(ean))
            .Select(p => new ChannelListing(EcomdashIds.Text(p.Id)!, p.Sku!.Trim(), p.Identifiers?.UPC, p.Identifiers?.EAN, p.Name))
            .ToList();
    }

    private async Task<IReadOnlyList<EdProduct>> InventoryAsync(EcomdashMerchant merchant, CancellationToken cancellationToken)
    {
        if (_inventory.TryGetValue(merchant.LimiterKey, out var cached) && time.GetUtcNow() - cached.At < options.CurrentValue.ReferenceDataCacheTime)
            return cached.Products;
        var all = new List<EdProduct>();
        for (var page = 1; ; page++)
        {
            var result = await client.GetInventoryPageAsync(merchant, page, EcomdashClient.MaxPageSize, cancellationToken);
            all.AddRange(result.Items);
            if (result.Items.Count == 0 || (result.TotalPages is { } pages ? page >= pages : result.Items.Count < EcomdashClient.MaxPageSize))
                break;
        }
        _inventory[merchant.LimiterKey] = (time.GetUtcNow(), all);
        return all;
    }

    public async Task<IReadOnlyList<ListingUpdateResult>> SyncAsync(ChannelConnection connection, IReadOnlyList<ListingUpdate> updates, CancellationToken cancellationToken)
    {
        var merchant = EcomdashMerchant.Of(connection);
        var quantityProblems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var priceProblems = new Dictionary<string, string>(StringComparer.Ordinal);

        if (EcomdashConnectionFields.Flag(connection, EcomdashConnectionFields.SyncQuantity, true))
            await SyncQuantitiesAsync(merchant, connection, updates, quantityProblems, cancellationToken);
        if (EcomdashConnectionFields.Flag(connection, EcomdashConnectionFields.SyncPrice, true))
            await SyncPricesAsync(merchant, updates, priceProblems, cancellationToken);

        return updates.Select(u => new ListingUpdateResult(u.Sku,
            quantityProblems.TryGetValue(u.Sku, out var q) ? string.Join(" ", q.Distinct()) : null,
            priceProblems.GetValueOrDefault(u.Sku))).ToList();
    }

    private async Task SyncQuantitiesAsync(EcomdashMerchant merchant, ChannelConnection connection, IReadOnlyList<ListingUpdate> updates,
        Dictionary<string, List<string>> problems, CancellationToken cancellationToken)
    {
        var withQuantities = updates.Where(u => u.Quantities is { Count: > 0 }).ToList();
        if (withQuantities.Count == 0)
            return;
        var map = EcomdashConnectionFields.Pairs.Parse(connection.Setting(EcomdashConnectionFields.Warehouses));
        var defaultSetting = connection.Setting(EcomdashConnectionFields.DefaultWarehouse);
        var warehouses = await reference.WarehousesAsync(merchant, cancellationToken);

        var elements = new List<(string OurSku, string ChannelSku, int Quantity, decimal? WarehouseId)>();
        foreach (var update in withQuantities)
        {
            foreach (var quantity in update.Quantities!)
            {
                decimal? warehouseId;
                if (quantity.Warehouse is null)
                {
                    warehouseId = EcomdashReferenceData.DefaultWarehouseId(warehouses, defaultSetting);
                    if (warehouseId is null && defaultSetting is { Length: > 0 })
                    {
                        Add(problems, update.Sku, $"Ecomdash has no warehouse \"{defaultSetting}\" (the connection's defaultWarehouse).");
                        continue;
                    }
                }
                else if ((warehouseId = EcomdashReferenceData.WarehouseId(warehouses, quantity.Warehouse, map)) is null)
                {
                    Add(problems, update.Sku, $"Our warehouse \"{quantity.Warehouse}\" has no Ecomdash warehouse: name one in the connection's warehouses setting (e.g. {quantity.Warehouse}=ECD Warehouse).");
                    continue;
                }
                elements.Add((update.Sku, update.ChannelSku, quantity.Quantity, warehouseId));
            }
        }

        foreach (var batch in elements.Chunk(options.CurrentValue.QuantityBatchSize))
        {
            EcomdashItemResults result;
            try
            {
                result = await client.UpdateQuantityOnHandAsync(merchant, EcomdashMapper.QuantityUpdates(batch.Select(e => (e.ChannelSku, e.Quantity, e.WarehouseId))), cancellationToken);
            }
            catch (EcomdashException ex) when (ex.Kind == Partners.PartnerFailureKind.Rejected)
            {
                // The call itself was refused (a malformed element, say): every element of it failed, the other batches go on.
                foreach (var element in batch)
                    Add(problems, element.OurSku, ex.Message);
                continue;
            }
            if (result.Status == EcomdashStatus.Success)
                continue;
            var (byIndex, general) = EcomdashItemMessages.Parse(result.Messages);
            if (byIndex.Count == 0)
            {
                // Not Success, and no element named: we cannot tell which were applied, so none counts as synced.
                var why = general.Count > 0 ? string.Join(" ", general) : $"Ecomdash answered {result.Status} without saying which element failed.";
                foreach (var element in batch)
                    Add(problems, element.OurSku, $"Ecomdash: {why}");
                continue;
            }
            foreach (var (index, text) in byIndex)
            {
                if (index >= 0 && index < batch.Length)
                    Add(problems, batch[index].OurSku, $"Ecomdash: Index {index}: {text}");
            }
        }
    }

    /// <summary>
    /// Prices, one product at a time (UNCONFIRMED: no dedicated price operation is known): the product is read and
    /// written back with the new GlobalListingAttributes.Price, without the stock members.
    /// </summary>
    private async Task SyncPricesAsync(EcomdashMerchant merchant, IReadOnlyList<ListingUpdate> updates, Dictionary<string, string> problems, CancellationToken cancellationToken)
    {
        var omit = options.CurrentValue.PriceUpdateOmits.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var update in updates.Where(u => u.Price is not null))
        {
            try
            {
                var product = await client.GetProductAsync(merchant, update.ChannelProductId, cancellationToken);
                await client.UpdateProductAsync(merchant, EcomdashMapper.PriceUpdate(product, update.Price!.Value, omit), cancellationToken);
            }
            catch (EcomdashException ex) when (ex.Kind == Partners.PartnerFailureKind.Rejected)
            {
                problems[update.Sku] = ex.Message;
            }
        }
    }

    private static void Add(Dictionary<string, List<string>> problems, string sku, string problem)
    {
        if (!problems.TryGetValue(sku, out var list))
            problems[sku] = list = [];
        list.Add(problem);
    }

    public IReadOnlyList<ListingExportColumn> ExportColumns(ChannelConnection connection) =>
        ParseExportColumns(options.CurrentValue.ExportColumns) ?? throw EcomdashException.Invalid("Ecomdash__ExportColumns is not valid.");

    /// <summary>"Header:Field,…" (fields as <see cref="ListingField"/> names); null when it is not that shape.</summary>
    public static IReadOnlyList<ListingExportColumn>? ParseExportColumns(string? text)
    {
        var columns = new List<ListingExportColumn>();
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.LastIndexOf(':');
            if (colon <= 0 || !Enum.TryParse<ListingField>(entry[(colon + 1)..].Trim(), ignoreCase: true, out var field) || !Enum.IsDefined(field))
                return null;
            columns.Add(new ListingExportColumn(entry[..colon].Trim(), field));
        }
        return columns.Count == 0 ? null : columns;
    }
}
