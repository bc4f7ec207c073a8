using System.Text.Json;
using Fulfilment.Catalogue;
using Microsoft.Extensions.Time.Testing;

namespace Fulfilment.Tests.Admin;

public class ProductJsonImportTests
{
    private static readonly FakeTimeProvider Time = new();

    private static IReadOnlyList<ProductImportRow> Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return ProductJsonImport.Read(doc.RootElement, Time);
    }

    [Fact]
    public void One_object_is_one_product()
    {
        var row = Assert.Single(Read("""{"sku":"CANDLE-SOY","weightGrams":410,"tariffCode":"3406000000","originCountryCode":"gb","price":12.5}"""));

        Assert.True(row.IsValid);
        Assert.Equal(1, row.Row);
        Assert.Equal(410, row.Product!.WeightGrams);
        Assert.Equal("GB", row.Product.OriginCountryCode);
        Assert.Equal(12.5m, row.Product.Price);
    }

    [Fact]
    public void Array_items_are_numbered_from_1_and_validated_one_by_one()
    {
        var rows = Read("""[{"sku":"A","weightGrams":"350"},{"sku":"B","weightGrams":0},{"sku":"C","weightGrams":1.5},"D"]""");

        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Row));
        Assert.Equal([true, false, false, false], rows.Select(r => r.IsValid));
        Assert.Contains(rows[1].Errors, e => e.StartsWith("weightGrams must be between 1 and 30000", StringComparison.Ordinal));
        Assert.Contains(rows[2].Errors, e => e.StartsWith("weightGrams must be a whole number", StringComparison.Ordinal));
        Assert.Contains("item 4 must be a product object, not a string", rows[3].Errors);
    }

    [Fact]
    public void Unknown_properties_and_wrong_types_are_errors_on_their_row_but_updatedAt_is_ignored()
    {
        var row = Assert.Single(Read("""{"sku":"A","weightGram":350,"name":{"en":"x"},"updatedAt":"2026-01-01T00:00:00Z"}"""));

        Assert.False(row.IsValid);
        Assert.Contains(row.Errors, e => e.StartsWith("unknown property 'weightGram'", StringComparison.Ordinal));
        Assert.Contains("name must be a string or a number, not an object", row.Errors);
        Assert.Contains("weightGrams is required", row.Errors);
        Assert.DoesNotContain(row.Errors, e => e.Contains("updatedAt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_root_that_is_neither_object_nor_array_is_a_format_error()
    {
        Assert.Throws<ProductImportFormatException>(() => Read("42"));
    }

    [Fact]
    public void Sku_over_100_characters_is_rejected()
    {
        var row = Assert.Single(Read($$"""{"sku":"{{new string('x', 101)}}","weightGrams":1}"""));
        Assert.Contains("sku is longer than 100 characters", row.Errors);
    }
}
