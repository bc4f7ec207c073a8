namespace Sandbox.Ecomdash;

/// <summary>
/// An inventory product. UPCs and EANs need not be unique (so "more than one match" can be tested); active SKUs are.
/// <see cref="Stock"/> defaults to nothing anywhere.
/// </summary>
public sealed record EcomdashProductSeed(string Sku)
{
    public string? Name { get; init; }

    /// <summary>Product, Kit or Built.</summary>
    public string Type { get; init; } = "Product";

    public string? Upc { get; init; }
    public string? Ean { get; init; }
    public bool IsActive { get; init; } = true;
    public decimal Price { get; init; } = 9.99m;
    public IReadOnlyList<EcomdashStockSeed> Stock { get; init; } = [];

    /// <summary>Default: now on the simulator's clock.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>Quantity on hand of a product in one warehouse.</summary>
public sealed record EcomdashStockSeed(long WarehouseId, decimal Quantity);
