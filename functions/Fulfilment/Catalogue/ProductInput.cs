namespace Fulfilment.Catalogue;

/// <summary>
/// One product as an operator sent it (a CSV row or a JSON object), every field still raw text, so that each bad
/// value can be reported by name instead of failing the whole request.
/// </summary>
public sealed record ProductInput
{
    public string? Sku { get; init; }
    public string? Name { get; init; }
    public string? WeightGrams { get; init; }
    public string? HeightMm { get; init; }
    public string? WidthMm { get; init; }
    public string? DepthMm { get; init; }
    public string? CustomsDescription { get; init; }
    public string? TariffCode { get; init; }
    public string? OriginCountry { get; init; }
    public string? QuantityOnHand { get; init; }
    public string? Price { get; init; }
    public string? Upc { get; init; }
    public string? Ean { get; init; }
    /// <summary>"CODE=quantity" pairs separated by ';' (e.g. "MAIN=40;LEEDS=12").</summary>
    public string? WarehouseQuantities { get; init; }
}

/// <summary>The names the sender used for each field, so error messages say "weight_grams" to a CSV and "weightGrams" to JSON.</summary>
public sealed record ProductFieldNames(string Sku, string Name, string WeightGrams, string HeightMm, string WidthMm, string DepthMm,
    string CustomsDescription, string TariffCode, string OriginCountry, string QuantityOnHand, string Price,
    string Upc, string Ean, string WarehouseQuantities)
{
    /// <summary>The CSV header columns, in the documented order.</summary>
    public static ProductFieldNames Csv { get; } = new("sku", "name", "weight_grams", "height_mm", "width_mm", "depth_mm",
        "customs_description", "tariff_code", "origin_country", "quantity_on_hand", "price", "upc", "ean", "warehouse_quantities");

    /// <summary>The JSON property names: those <see cref="Product"/> serialises with, so a listed product can be sent back.</summary>
    public static ProductFieldNames Json { get; } = new("sku", "name", "weightGrams", "heightMm", "widthMm", "depthMm",
        "customsDescription", "tariffCode", "originCountryCode", "quantityOnHand", "price", "upc", "ean", "warehouseQuantities");

    public IReadOnlyList<string> All => [Sku, Name, WeightGrams, HeightMm, WidthMm, DepthMm, CustomsDescription, TariffCode, OriginCountry, QuantityOnHand, Price, Upc, Ean, WarehouseQuantities];
}

/// <summary>One product of an import after validation: either a product to store or the reasons it was rejected.</summary>
/// <param name="Row">1-based position among the products sent: the CSV data row (the header row is not counted) or the JSON array index + 1.</param>
public sealed record ProductImportRow(int Row, string? Sku, Product? Product, IReadOnlyList<string> Errors)
{
    public bool IsValid => Product is not null && Errors.Count == 0;
}
