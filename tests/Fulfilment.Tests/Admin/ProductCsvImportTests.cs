using System.Text;
using Fulfilment.Catalogue;
using Microsoft.Extensions.Time.Testing;

namespace Fulfilment.Tests.Admin;

public class ProductCsvImportTests
{
    private const string Header = "sku,name,weight_grams,height_mm,width_mm,depth_mm,customs_description,tariff_code,origin_country,quantity_on_hand,price";
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private static async Task<List<ProductImportRow>> ReadAsync(string csv)
    {
        var rows = new List<ProductImportRow>();
        await foreach (var row in ProductCsvImport.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Time))
            rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task Good_rows_become_products_with_every_column()
    {
        var rows = await ReadAsync($"{Header}\nCANDLE-SOY,Soy candle,410,90,80,80,Soy wax candle,3406000000,gb,25,12.50\nMUG-BLUE,,350,,,,,,,,\n");

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.True(r.IsValid));
        var candle = rows[0].Product!;
        Assert.Equal(1, rows[0].Row);
        Assert.Equal("CANDLE-SOY", candle.Sku);
        Assert.Equal("Soy candle", candle.Name);
        Assert.Equal(410, candle.WeightGrams);
        Assert.Equal((90, 80, 80), (candle.HeightMm, candle.WidthMm, candle.DepthMm));
        Assert.Equal("Soy wax candle", candle.CustomsDescription);
        Assert.Equal("3406000000", candle.TariffCode);
        Assert.Equal("GB", candle.OriginCountryCode);
        Assert.Equal(25, candle.QuantityOnHand);
        Assert.Equal(12.50m, candle.Price);
        Assert.Equal(Time.GetUtcNow(), candle.UpdatedAt);
        var mug = rows[1].Product!;
        Assert.Equal(2, rows[1].Row);
        Assert.Null(mug.Name);
        Assert.Null(mug.TariffCode);
        Assert.Null(mug.Price);
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_row_numbers_and_reasons()
    {
        var csv = $"{Header}\n" +
                  "OK-1,One,100,,,,,,,,\n" +
                  ",No sku,100,,,,,,,,\n" +
                  "HEAVY,Too heavy,30001,,,,,,,,\n" +
                  "OK-2,Two,200,,,,,,,,\n" +
                  $"BAD-CUSTOMS,x,-5,,,,{new string('d', 51)},34A6,GBR,-1,£3\n";

        var rows = await ReadAsync(csv);

        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => r.Row));
        Assert.Equal([true, false, false, true, false], rows.Select(r => r.IsValid));
        Assert.Contains("sku is required", rows[1].Errors);
        Assert.Contains(rows[2].Errors, e => e.StartsWith("weight_grams must be between 1 and 30000", StringComparison.Ordinal));
        Assert.Equal("HEAVY", rows[2].Sku);
        var bad = rows[4].Errors;
        Assert.Contains(bad, e => e.StartsWith("weight_grams", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.StartsWith("customs_description is longer than 50", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.StartsWith("tariff_code must be digits only", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.StartsWith("origin_country must be an ISO 3166 alpha-2", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.StartsWith("quantity_on_hand", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.StartsWith("price must be a number", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_first_row_that_is_not_a_header_is_refused_with_the_expected_header()
    {
        var ex = await Assert.ThrowsAsync<ProductImportFormatException>(() => ReadAsync("MUG-BLUE,Blue mug,350\nTEE-M-BLK,Tee,180\n"));

        Assert.Contains("not a valid header", ex.Message);
        Assert.Contains(Header, ex.Message);
    }

    [Fact]
    public async Task An_empty_body_is_refused()
    {
        var ex = await Assert.ThrowsAsync<ProductImportFormatException>(() => ReadAsync(""));
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public async Task Extra_columns_are_ignored_and_columns_may_come_in_any_order_with_any_case()
    {
        var rows = await ReadAsync("Weight_Grams,colour,SKU,supplier\n350,blue,MUG-BLUE,Acme\n");

        var product = Assert.Single(rows).Product!;
        Assert.Equal("MUG-BLUE", product.Sku);
        Assert.Equal(350, product.WeightGrams);
        Assert.Null(product.Name);
    }

    [Fact]
    public async Task Quoted_fields_keep_their_commas_quotes_and_line_breaks()
    {
        var rows = await ReadAsync("sku,name,weight_grams,customs_description\n" +
                                   "POSTER-A2,\"Poster, A2 \"\"matt\"\"\",220,\"Printed paper, poster\"\n" +
                                   "NOTEBOOK-A5,\"Notebook\nA5\",300,\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal("Poster, A2 \"matt\"", rows[0].Product!.Name);
        Assert.Equal("Printed paper, poster", rows[0].Product!.CustomsDescription);
        Assert.Equal("Notebook\nA5", rows[1].Product!.Name);
        Assert.Equal(2, rows[1].Row);
    }

    [Fact]
    public async Task A_stray_quote_stops_reading_at_its_data_row()
    {
        var rows = new List<ProductImportRow>();
        var ex = await Assert.ThrowsAsync<ProductImportFormatException>(async () =>
        {
            await foreach (var row in ProductCsvImport.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("sku,weight_grams\nA,1\nB,2\nC\"x,3\nD,4\n")), Time))
                rows.Add(row);
        });

        Assert.Equal(["A", "B"], rows.Select(r => r.Sku));
        Assert.Contains("data row 3", ex.Message);
    }

    [Fact]
    public async Task A_semicolon_separated_file_is_reported_as_lacking_the_header_columns()
    {
        var ex = await Assert.ThrowsAsync<ProductImportFormatException>(() => ReadAsync("sku;weight_grams\nA;1\n"));
        Assert.Contains("no sku or weight_grams column", ex.Message);
    }
}
