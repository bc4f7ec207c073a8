using System.Text.Json.Serialization;

namespace Sandbox.Ecomdash;

/// <summary>A product as getProducts answers it: the members the portal's table lists (no EAN: match on EAN by paging GET /Inventory).</summary>
internal sealed record ProductMatchDto(decimal Id, string Sku, decimal QuantityOnHand, string? UPC, IReadOnlyList<ProductWarehouseDto> Warehouses)
{
    public static ProductMatchDto From(SimProduct p) => new(p.Id, p.Sku, p.QuantityOnHand, p.Upc, ProductWarehouseDto.For(p));
}

/// <summary>A product's stock in one warehouse.</summary>
internal sealed record ProductWarehouseDto(decimal ProductId, decimal WarehouseId, decimal QuantityOnHand, string WarehouseSKU, bool IsActive)
{
    public static IReadOnlyList<ProductWarehouseDto> For(SimProduct p) =>
        p.Stock.Select(s => new ProductWarehouseDto(p.Id, s.Key, s.Value, p.Sku, true)).ToList();
}

/// <summary>
/// A product as GET /Inventory and GET /Inventory/{id} answer it, like the portal's Get Product by Id sample. The
/// optional blocks are written only when asked for with <c>include</c> (always by the single-product GET).
/// </summary>
internal sealed record ProductDto(
    decimal Id,
    decimal CompanyId,
    string Sku,
    string Name,
    string Type,
    decimal QuantityOnHand,
    IdentifiersDto Identifiers,
    bool IsActive,
    bool IsDiscontinued,
    bool IsVariation,
    DateTimeOffset CreatedDate)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GlobalListingAttributesDto? GlobalListingAttributes { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ProductWarehouseDto>? Warehouses { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<object>? Storefronts { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<object>? Images { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<object>? KitComponents { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<object>? BuildComponents { get; init; }

    public static ProductDto From(SimProduct p, EcomdashAccount account, IReadOnlySet<string> include) =>
        new(p.Id, account.CompanyId, p.Sku, p.Name, p.Type, p.QuantityOnHand, new IdentifiersDto(p.Id, p.Upc, p.Ean), p.IsActive, false, false, p.CreatedDate)
        {
            GlobalListingAttributes = include.Contains("GlobalListingAttributes") ? new GlobalListingAttributesDto(p.Id, p.Name, p.Price, "New") : null,
            Warehouses = include.Contains("Warehouses") ? ProductWarehouseDto.For(p) : null,
            Storefronts = include.Contains("Storefronts") ? [] : null,
            Images = include.Contains("Images") ? [] : null,
            KitComponents = include.Contains("KitComponents") ? [] : null,
            BuildComponents = include.Contains("BuildComponents") ? [] : null,
        };
}

/// <summary>A product's identifiers; absent ones are left out, as in the portal's sample.</summary>
internal sealed record IdentifiersDto(
    decimal ProductId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UPC,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EAN);

internal sealed record GlobalListingAttributesDto(decimal ProductId, string SoldAsName, decimal Price, string Condition);
