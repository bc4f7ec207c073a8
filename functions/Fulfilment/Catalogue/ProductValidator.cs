using System.Globalization;

namespace Fulfilment.Catalogue;

/// <summary>
/// Checks one product against what our carriers accept (Click &amp; Drop's limits: SKU 100, customs description 50,
/// tariff code 10 digits, ISO alpha-2 origin) and turns it into a <see cref="Product"/>.
/// </summary>
public static class ProductValidator
{
    public const int MaxSkuLength = 100;
    public const int MaxNameLength = 800;
    public const int MaxWeightGrams = 30_000;
    /// <summary>No parcel service we map to takes a side longer than this; larger values are typos (cm or inches for mm).</summary>
    public const int MaxDimensionMm = 5_000;
    public const int MaxCustomsDescriptionLength = 50;
    public const int MaxTariffCodeLength = 10;
    public const int MaxQuantity = 10_000_000;
    public const decimal MaxPrice = 1_000_000m;
    public const int MaxWarehouseCodeLength = 50;

    public static ProductImportRow Validate(int row, ProductInput input, ProductFieldNames names, DateTimeOffset now)
    {
        var errors = new List<string>();
        var sku = Clean(input.Sku);
        if (sku is null)
            errors.Add($"{names.Sku} is required");
        else if (sku.Length > MaxSkuLength)
            errors.Add($"{names.Sku} is longer than {MaxSkuLength} characters");
        else if (sku.Any(char.IsControl))
            errors.Add($"{names.Sku} contains control characters");

        var name = Clean(input.Name);
        if (name is { Length: > MaxNameLength })
            errors.Add($"{names.Name} is longer than {MaxNameLength} characters");

        int? weight = null;
        if (Clean(input.WeightGrams) is null)
            errors.Add($"{names.WeightGrams} is required");
        else
            weight = WholeNumber(input.WeightGrams, names.WeightGrams, 1, MaxWeightGrams, errors);

        var height = WholeNumber(input.HeightMm, names.HeightMm, 1, MaxDimensionMm, errors);
        var width = WholeNumber(input.WidthMm, names.WidthMm, 1, MaxDimensionMm, errors);
        var depth = WholeNumber(input.DepthMm, names.DepthMm, 1, MaxDimensionMm, errors);

        var customs = Clean(input.CustomsDescription);
        if (customs is { Length: > MaxCustomsDescriptionLength })
            errors.Add($"{names.CustomsDescription} is longer than {MaxCustomsDescriptionLength} characters");

        var tariff = Clean(input.TariffCode);
        if (tariff is not null && (tariff.Length > MaxTariffCodeLength || !tariff.All(char.IsAsciiDigit)))
            errors.Add($"{names.TariffCode} must be digits only, at most {MaxTariffCodeLength} (an HS or commodity code)");

        // Two ASCII letters, upper-cased: the full ISO 3166 list is not checked here (the carrier rejects unknown codes).
        var origin = Clean(input.OriginCountry)?.ToUpperInvariant();
        if (origin is not null && (origin.Length != 2 || !origin.All(char.IsAsciiLetterUpper)))
            errors.Add($"{names.OriginCountry} must be an ISO 3166 alpha-2 country code such as GB");

        var quantity = WholeNumber(input.QuantityOnHand, names.QuantityOnHand, 0, MaxQuantity, errors);

        decimal? price = null;
        if (Clean(input.Price) is { } priceText)
        {
            if (!decimal.TryParse(priceText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
                errors.Add($"{names.Price} must be a number such as 12.50 (no currency symbol or thousands separator)");
            else if (parsed > MaxPrice)
                errors.Add($"{names.Price} must be at most {MaxPrice.ToString(CultureInfo.InvariantCulture)}");
            else
                price = parsed;
        }

        var upc = Gtin(input.Upc, names.Upc, 6, 14, errors);
        var ean = Gtin(input.Ean, names.Ean, 8, 14, errors);
        var warehouses = WarehouseQuantities(input.WarehouseQuantities, names.WarehouseQuantities, errors);
        if (warehouses is not null && quantity is null)
            quantity = warehouses.Values.Sum();
        else if (warehouses is not null && quantity != warehouses.Values.Sum())
            errors.Add($"{names.QuantityOnHand} must be the sum of {names.WarehouseQuantities} ({warehouses.Values.Sum()}), or be left out");

        if (errors.Count > 0)
            return new ProductImportRow(row, sku, null, errors);
        return new ProductImportRow(row, sku, new Product
        {
            Sku = sku!,
            Name = name,
            WeightGrams = weight!.Value,
            HeightMm = height,
            WidthMm = width,
            DepthMm = depth,
            CustomsDescription = customs,
            TariffCode = tariff,
            OriginCountryCode = origin,
            QuantityOnHand = quantity,
            Price = price,
            Upc = upc,
            Ean = ean,
            WarehouseQuantities = warehouses,
            UpdatedAt = now,
        }, []);
    }

    /// <summary>
    /// A barcode number kept as printed (leading zeros matter to people, and channels compare them as text). Only the
    /// length is checked, not the check digit: channels hold real codes with bad check digits, and linking must match them.
    /// </summary>
    private static string? Gtin(string? raw, string field, int minDigits, int maxDigits, List<string> errors)
    {
        var text = Clean(raw);
        if (text is null)
            return null;
        if (text.Length < minDigits || text.Length > maxDigits || !text.All(char.IsAsciiDigit))
        {
            errors.Add($"{field} must be {minDigits} to {maxDigits} digits");
            return null;
        }
        return text;
    }

    /// <summary>"CODE=quantity" pairs separated by ';'. Codes are what our warehouses are called; each channel maps them.</summary>
    private static Dictionary<string, int>? WarehouseQuantities(string? raw, string field, List<string> errors)
    {
        var text = Clean(raw);
        if (text is null)
            return null;
        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=');
            var code = equals > 0 ? pair[..equals].Trim() : "";
            if (code.Length is 0 or > MaxWarehouseCodeLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' '))
            {
                errors.Add($"{field} must be CODE=quantity pairs separated by ';' (codes of letters, digits, '-', '_', '.', up to {MaxWarehouseCodeLength})");
                return null;
            }
            if (WholeNumber(pair[(equals + 1)..], $"{field} {code}", 0, MaxQuantity, errors) is not { } quantity)
                return null;
            if (!result.TryAdd(code, quantity))
            {
                errors.Add($"{field} names warehouse '{code}' twice");
                return null;
            }
        }
        if (result.Count == 0)
            return null;
        if (result.Values.Sum(q => (long)q) > MaxQuantity)
        {
            errors.Add($"{field} add up to more than {MaxQuantity}");
            return null;
        }
        return result;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int? WholeNumber(string? raw, string field, int min, int max, List<string> errors)
    {
        var text = Clean(raw);
        if (text is null)
            return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add($"{field} must be a whole number, not '{Shorten(text)}'");
            return null;
        }
        if (value < min || value > max)
        {
            errors.Add($"{field} must be between {min} and {max}");
            return null;
        }
        return value;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
