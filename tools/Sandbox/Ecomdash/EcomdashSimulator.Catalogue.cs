namespace Sandbox.Ecomdash;

// Test API: inventory products and the quantity and price updates the pipeline sent.
public sealed partial class EcomdashSimulator
{
    internal static readonly string[] ProductTypes = ["Product", "Kit", "Built"];

    // Seeds come over the HTTP controls in chaos runs too; bounded so totals cannot overflow into a 500.
    private const decimal SeedLimit = 1_000_000_000m;

    /// <summary>Adds a product and returns its id. Its stock must name the merchant's warehouses; active SKUs are unique.</summary>
    public long AddProduct(string merchantId, EcomdashProductSeed seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seed.Sku);
        if (!ProductTypes.Contains(seed.Type, StringComparer.Ordinal))
            throw new ArgumentException($"Type must be one of {string.Join(", ", ProductTypes)}.", nameof(seed));
        lock (Lock)
        {
            var account = Account(merchantId);
            if (seed.IsActive && account.ActiveProductBySku(seed.Sku) is not null)
                throw new ArgumentException($"An active product with SKU '{seed.Sku}' already exists.", nameof(seed));
            if (seed.Stock.Any(s => s.Quantity < 0 || s.Quantity >= SeedLimit) || seed.Price < 0 || seed.Price >= SeedLimit)
                throw new ArgumentException($"Quantities and price must be from 0 to below {SeedLimit}.", nameof(seed));
            var unknown = seed.Stock.FirstOrDefault(s => account.Warehouses.All(w => w.Id != s.WarehouseId));
            if (unknown is not null)
                throw new ArgumentException($"Warehouse {unknown.WarehouseId} is not one of the merchant's.", nameof(seed));
            var product = new SimProduct
            {
                Id = Ids.Product(),
                Sku = seed.Sku,
                Name = seed.Name ?? seed.Sku,
                Type = seed.Type,
                Upc = seed.Upc,
                Ean = seed.Ean,
                IsActive = seed.IsActive,
                Price = seed.Price,
                CreatedDate = seed.CreatedAt ?? Time.GetUtcNow(),
            };
            foreach (var stock in seed.Stock)
                product.Stock[stock.WarehouseId] = stock.Quantity;
            account.Products.Add(product);
            return product.Id;
        }
    }

    /// <summary>Activates or deactivates a product (inactive ones are not found by getProducts or quantity updates).</summary>
    public void SetProductActive(string merchantId, long productId, bool active)
    {
        lock (Lock) Product(Account(merchantId), productId).IsActive = active;
    }

    public EcomdashProductSnapshot Product(string merchantId, long productId)
    {
        lock (Lock) return Product(Account(merchantId), productId).Snapshot();
    }

    /// <summary>The active product with that SKU (case-insensitive), or null.</summary>
    public EcomdashProductSnapshot? ProductBySku(string merchantId, string sku)
    {
        lock (Lock) return Account(merchantId).ActiveProductBySku(sku)?.Snapshot();
    }

    public IReadOnlyList<EcomdashProductSnapshot> Products(string merchantId)
    {
        lock (Lock) return Account(merchantId).Products.Select(p => p.Snapshot()).ToList();
    }

    /// <summary>Every applied element of updateQuantityOnHand calls, oldest first.</summary>
    public IReadOnlyList<EcomdashQuantityUpdate> QuantityUpdates(string merchantId)
    {
        lock (Lock) return Account(merchantId).QuantityUpdates.ToList();
    }

    /// <summary>Every applied price change, oldest first.</summary>
    public IReadOnlyList<EcomdashPriceUpdate> PriceUpdates(string merchantId)
    {
        lock (Lock) return Account(merchantId).PriceUpdates.ToList();
    }

    private static SimProduct Product(EcomdashAccount account, long productId) =>
        account.Products.FirstOrDefault(p => p.Id == productId) ?? throw new KeyNotFoundException($"No product {productId}.");
}
