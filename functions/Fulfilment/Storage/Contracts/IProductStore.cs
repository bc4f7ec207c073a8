using Fulfilment.Catalogue;

namespace Fulfilment.Storage;

/// <summary>The product catalogue by SKU.</summary>
public interface IProductStore
{
    Task<Product?> GetAsync(string sku, CancellationToken cancellationToken);
    /// <summary>Products for the SKUs that exist; missing SKUs are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, Product>> GetManyAsync(IEnumerable<string> skus, CancellationToken cancellationToken);
    /// <summary>Adds the product unless its SKU is in the catalogue already (then changes nothing and answers false).</summary>
    Task<bool> TryAddAsync(Product product, CancellationToken cancellationToken);
    /// <summary>Upserts in transactions of at most 100 rows of one partition.</summary>
    Task UpsertManyAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken);
    IAsyncEnumerable<Product> ListAsync(CancellationToken cancellationToken);
    Task<bool> DeleteAsync(string sku, CancellationToken cancellationToken);
}
