using System.Text;
using Fulfilment.Catalogue;
using Fulfilment.Channels;
using Fulfilment.Listings;

namespace Fulfilment.Tests.Listings;

public class ListingExportWriterTests
{
    [Fact]
    public async Task The_feed_has_the_channel_s_header_and_one_row_per_product_with_formulas_defused()
    {
        IReadOnlyList<ListingExportColumn> columns =
            [new("SKU", ListingField.Sku), new("Name", ListingField.Name), new("Quantity", ListingField.Quantity), new("Price", ListingField.Price),
             new("UPC", ListingField.Upc), new("EAN", ListingField.Ean), new("Weight (g)", ListingField.WeightGrams)];
        var products = new[]
        {
            new Product { Sku = "MUG-RED", Name = "Red mug, enamel", WeightGrams = 350, QuantityOnHand = 52, Price = 8.50m, Upc = "012345678905" },
            new Product { Sku = "LAMP", Name = "=HYPERLINK(\"http://evil\")", WeightGrams = 900, Ean = "4006381333931" },
        };
        using var output = new MemoryStream();

        var rows = await ListingExportWriter.WriteAsync(output, columns, products.ToAsyncEnumerable(), default);

        Assert.Equal(2, rows);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("SKU,Name,Quantity,Price,UPC,EAN,Weight (g)", lines[0]);
        Assert.Equal("MUG-RED,\"Red mug, enamel\",52,8.5,012345678905,,350", lines[1]);
        Assert.StartsWith("LAMP,", lines[2]);
        Assert.DoesNotContain(",=HYPERLINK", lines[2]);
        Assert.DoesNotContain(",\"=HYPERLINK", lines[2]);
    }
}
