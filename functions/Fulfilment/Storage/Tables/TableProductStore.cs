using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Fulfilment.Catalogue;

namespace Fulfilment.Storage.Tables;

/// <summary>The catalogue: one partition ("product"), row key the escaped SKU.</summary>
public sealed class TableProductStore(TableServiceClient service) : IProductStore
{
    private const string Partition = "product";
    // Azure rejects a transaction of more than 100 actions (and one spanning partitions; Azurite accepts both).
    private const int MaxBatch = 100;
    private const int ParallelReads = 8;
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.Products);

    public async Task<Product?> GetAsync(string sku, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(sku), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>Point reads in parallel: a filter of many "RowKey eq" terms is capped at 15 comparisons by Azure.</summary>
    public async Task<IReadOnlyDictionary<string, Product>> GetManyAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, Product>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(skus.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (sku, ct) =>
            {
                if (await GetAsync(sku, ct) is { } product) found[sku] = product;
            });
        return new Dictionary<string, Product>(found, StringComparer.Ordinal);
    }

    public async Task<bool> TryAddAsync(Product product, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(product), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsConflict())
        {
            return false;
        }
    }

    public async Task UpsertManyAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken)
    {
        // A transaction may not touch one entity twice: the last occurrence of a SKU wins.
        var distinct = products.GroupBy(p => p.Sku, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        foreach (var chunk in distinct.Chunk(MaxBatch))
        {
            var actions = chunk.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(p)));
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    public async IAsyncEnumerable<Product> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
            yield return FromEntity(entity);
    }

    public async Task<bool> DeleteAsync(string sku, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.DeleteEntityAsync(Partition, TableKeys.Escape(sku), ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            return false;
        }
    }

    /// <summary>"CODE=quantity;…" as written by <see cref="ToEntity"/> (codes never hold '=' or ';': the validator refuses them).</summary>
    private static IReadOnlyDictionary<string, int>? ReadWarehouses(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.LastIndexOf('=');
            if (equals > 0 && int.TryParse(pair.AsSpan(equals + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var quantity))
                result[pair[..equals]] = quantity;
        }
        return result;
    }

    private static TableEntity ToEntity(Product p) => new(Partition, TableKeys.Escape(p.Sku))
    {
        ["Sku"] = p.Sku,
        ["Name"] = p.Name,
        ["WeightGrams"] = p.WeightGrams,
        ["WeightConfirmed"] = p.WeightConfirmed,
        ["Source"] = p.Source,
        ["HeightMm"] = p.HeightMm,
        ["WidthMm"] = p.WidthMm,
        ["DepthMm"] = p.DepthMm,
        ["CustomsDescription"] = p.CustomsDescription,
        ["TariffCode"] = p.TariffCode,
        ["OriginCountryCode"] = p.OriginCountryCode,
        ["QuantityOnHand"] = p.QuantityOnHand,
        // Table Storage has no decimal type; an invariant string keeps the exact value.
        ["Price"] = p.Price?.ToString(CultureInfo.InvariantCulture),
        ["Upc"] = p.Upc,
        ["Ean"] = p.Ean,
        ["WarehouseQuantities"] = p.WarehouseQuantities is { Count: > 0 } warehouses
            ? string.Join(';', warehouses.Select(w => $"{w.Key}={w.Value.ToString(CultureInfo.InvariantCulture)}"))
            : null,
        ["UpdatedAt"] = p.UpdatedAt,
    };

    private static Product FromEntity(TableEntity e) => new()
    {
        Sku = e.GetString("Sku") ?? TableKeys.Unescape(e.RowKey),
        Name = e.GetString("Name"),
        WeightGrams = e.GetInt32("WeightGrams") ?? 0,
        WeightConfirmed = e.GetBoolean("WeightConfirmed") ?? true,
        Source = e.GetString("Source"),
        HeightMm = e.GetInt32("HeightMm"),
        WidthMm = e.GetInt32("WidthMm"),
        DepthMm = e.GetInt32("DepthMm"),
        CustomsDescription = e.GetString("CustomsDescription"),
        TariffCode = e.GetString("TariffCode"),
        OriginCountryCode = e.GetString("OriginCountryCode"),
        QuantityOnHand = e.GetInt32("QuantityOnHand"),
        Price = e.GetString("Price") is { } price ? decimal.Parse(price, CultureInfo.InvariantCulture) : null,
        Upc = e.GetString("Upc"),
        Ean = e.GetString("Ean"),
        WarehouseQuantities = ReadWarehouses(e.GetString("WarehouseQuantities")),
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
    };
}
