namespace Fulfilment.Channels.Ecomdash.Dtos;

/// <summary>A product as getProducts answers it (portal: no EAN here).</summary>
public sealed record EdProductMatch
{
    public decimal Id { get; init; }
    public string? Sku { get; init; }
    public string? UPC { get; init; }
}

/// <summary>A product as GET Inventory lists it; its identifiers carry the EAN.</summary>
public sealed record EdProduct
{
    public decimal Id { get; init; }
    public string? Sku { get; init; }
    public string? Name { get; init; }
    public bool? IsActive { get; init; }
    public EdIdentifiers? Identifiers { get; init; }
}

public sealed record EdIdentifiers
{
    public string? UPC { get; init; }
    public string? EAN { get; init; }
}
