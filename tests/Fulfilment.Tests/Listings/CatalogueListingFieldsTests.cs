using System.Text;
using System.Text.Json;
using Fulfilment.Catalogue;

namespace Fulfilment.Tests.Listings;

/// <summary>The catalogue's fields listings are linked and synced by: UPC, EAN and stock per warehouse, from CSV and JSON.</summary>
public class CatalogueListingFieldsTests
{
    private static readonly TimeProvider Time = TimeProvider.System;

    private static async Task<List<ProductImportRow>> Csv(string text)
    {
        var rows = new List<ProductImportRow>();
        await foreach (var row in ProductCsvImport.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), Time))
            rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task A_csv_row_carries_upc_ean_and_stock_per_warehouse_whose_sum_is_the_quantity_on_hand()
    {
        var rows = await Csv("sku,weight_grams,upc,ean,warehouse_quantities\nMUG-RED,350,012345678905,4006381333931,MAIN=40;LEEDS=12\n");

        var product = Assert.Single(rows).Product!;
        Assert.Equal(("012345678905", "4006381333931", 52), (product.Upc, product.Ean, product.QuantityOnHand));
        Assert.Equal(40, product.WarehouseQuantities!["main"]);
        Assert.Equal(12, product.WarehouseQuantities["LEEDS"]);
    }

    [Fact]
    public async Task A_quantity_that_disagrees_with_the_warehouses_is_refused_by_name()
    {
        var row = Assert.Single(await Csv("sku,weight_grams,quantity_on_hand,warehouse_quantities\nMUG,350,10,MAIN=4;LEEDS=5\n"));

        Assert.False(row.IsValid);
        Assert.Contains(row.Errors, e => e.StartsWith("quantity_on_hand must be the sum of warehouse_quantities (9)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("upc", "12AB", "upc must be 6 to 14 digits")]
    [InlineData("ean", "1234567", "ean must be 8 to 14 digits")]
    [InlineData("warehouse_quantities", "MAIN", "warehouse_quantities must be CODE=quantity pairs")]
    [InlineData("warehouse_quantities", "MAIN=-1", "warehouse_quantities MAIN must be between 0 and")]
    [InlineData("warehouse_quantities", "MAIN=1;main=2", "warehouse_quantities names warehouse 'main' twice")]
    public async Task Bad_listing_fields_are_refused_with_their_reason(string column, string value, string error)
    {
        var row = Assert.Single(await Csv($"sku,weight_grams,{column}\nMUG,350,{value}\n"));

        Assert.Contains(row.Errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void Json_takes_warehouse_quantities_as_an_object()
    {
        using var doc = JsonDocument.Parse("""{"sku":"MUG","weightGrams":350,"upc":"012345678905","warehouseQuantities":{"MAIN":40,"LEEDS":"12"}}""");

        var product = Assert.Single(ProductJsonImport.Read(doc.RootElement, Time)).Product!;

        Assert.Equal(52, product.QuantityOnHand);
        Assert.Equal(2, product.WarehouseQuantities!.Count);
        Assert.Equal("012345678905", product.Upc);
    }
}
