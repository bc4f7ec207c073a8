using System.Text.Json;

namespace Fulfilment.Catalogue;

/// <summary>
/// Reads products sent as JSON (one object or an array of objects, property names as <see cref="ProductFieldNames.Json"/>)
/// as validated rows. Numbers may be JSON numbers or numeric strings; a property we do not know is an error on its row,
/// so a typo such as "weightGram" is not silently dropped.
/// </summary>
public static class ProductJsonImport
{
    /// <summary>Properties a listed product carries that the server sets; accepted and ignored so a listing can be sent back.</summary>
    private static readonly HashSet<string> ServerSet = new(StringComparer.OrdinalIgnoreCase) { "updatedAt" };

    /// <summary>Throws <see cref="ProductImportFormatException"/> when the root is neither an object nor an array of objects.</summary>
    public static IReadOnlyList<ProductImportRow> Read(JsonElement root, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return root.ValueKind switch
        {
            JsonValueKind.Object => [ReadOne(1, root, now)],
            JsonValueKind.Array => root.EnumerateArray().Select((item, i) => ReadOne(i + 1, item, now)).ToList(),
            _ => throw new ProductImportFormatException($"The body must be a product object or an array of them, not {Describe(root.ValueKind)}."),
        };
    }

    private static ProductImportRow ReadOne(int row, JsonElement item, DateTimeOffset now)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return new ProductImportRow(row, null, null, [$"item {row} must be a product object, not {Describe(item.ValueKind)}"]);

        var names = ProductFieldNames.Json;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        foreach (var property in item.EnumerateObject())
        {
            var name = names.All.FirstOrDefault(n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                if (!ServerSet.Contains(property.Name))
                    errors.Add($"unknown property '{property.Name}'; expected {string.Join(", ", names.All)}");
                continue;
            }
            switch (property.Value.ValueKind)
            {
                // Warehouse quantities may also come as an object: {"MAIN": 40, "LEEDS": 12}.
                case JsonValueKind.Object when name == names.WarehouseQuantities:
                    values[name] = WarehousePairs(property.Value, name, errors);
                    break;
                case JsonValueKind.String: values[name] = property.Value.GetString(); break;
                case JsonValueKind.Number: values[name] = property.Value.GetRawText(); break;
                case JsonValueKind.Null: values[name] = null; break;
                default: errors.Add($"{name} must be a string or a number, not {Describe(property.Value.ValueKind)}"); break;
            }
        }

        var input = new ProductInput
        {
            Sku = values.GetValueOrDefault(names.Sku),
            Name = values.GetValueOrDefault(names.Name),
            WeightGrams = values.GetValueOrDefault(names.WeightGrams),
            HeightMm = values.GetValueOrDefault(names.HeightMm),
            WidthMm = values.GetValueOrDefault(names.WidthMm),
            DepthMm = values.GetValueOrDefault(names.DepthMm),
            CustomsDescription = values.GetValueOrDefault(names.CustomsDescription),
            TariffCode = values.GetValueOrDefault(names.TariffCode),
            OriginCountry = values.GetValueOrDefault(names.OriginCountry),
            QuantityOnHand = values.GetValueOrDefault(names.QuantityOnHand),
            Price = values.GetValueOrDefault(names.Price),
            Upc = values.GetValueOrDefault(names.Upc),
            Ean = values.GetValueOrDefault(names.Ean),
            WarehouseQuantities = values.GetValueOrDefault(names.WarehouseQuantities),
        };
        var validated = ProductValidator.Validate(row, input, names, now);
        return errors.Count == 0 ? validated : validated with { Product = null, Errors = [.. errors, .. validated.Errors] };
    }

    /// <summary>An object of warehouse code → quantity as the "CODE=quantity;…" text the validator reads.</summary>
    private static string? WarehousePairs(JsonElement value, string name, List<string> errors)
    {
        var pairs = new List<string>();
        foreach (var warehouse in value.EnumerateObject())
        {
            if (warehouse.Value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
            {
                errors.Add($"{name}.{warehouse.Name} must be a whole number, not {Describe(warehouse.Value.ValueKind)}");
                continue;
            }
            var quantity = warehouse.Value.ValueKind == JsonValueKind.String ? warehouse.Value.GetString() : warehouse.Value.GetRawText();
            pairs.Add($"{warehouse.Name}={quantity}");
        }
        return pairs.Count == 0 ? null : string.Join(';', pairs);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
