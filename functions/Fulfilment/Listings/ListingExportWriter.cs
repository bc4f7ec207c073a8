using System.Globalization;
using CsvHelper;
using Fulfilment.Catalogue;
using Fulfilment.Channels;

namespace Fulfilment.Listings;

/// <summary>
/// Writes a connection's product feed as CSV in the channel's columns (RFC 4180, UTF-8), one row per listing, from
/// our catalogue. Text that a spreadsheet would run as a formula is escaped. Rows are streamed, never all held.
/// </summary>
public static class ListingExportWriter
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static async Task<int> WriteAsync(Stream output, IReadOnlyList<ListingExportColumn> columns, IAsyncEnumerable<Product> products, CancellationToken cancellationToken)
    {
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };
        await using var writer = CsvWriter.Create(output, options, leaveOpen: true);
        writer.WriteHeader(columns.Select(c => c.Header).ToArray());
        var rows = 0;
        await foreach (var product in products.WithCancellation(cancellationToken))
        {
            await writer.WriteRecordAsync(columns.Select(c => Value(product, c.Field)).ToArray(), cancellationToken);
            rows++;
        }
        await writer.FlushAsync(cancellationToken);
        return rows;
    }

    public static string Value(Product product, ListingField field) => field switch
    {
        ListingField.Sku => product.Sku,
        ListingField.Name => product.Name ?? "",
        ListingField.Quantity => product.QuantityOnHand?.ToString(CultureInfo.InvariantCulture) ?? "",
        ListingField.Price => ListingSyncPlan.PriceText(product) ?? "",
        ListingField.Upc => product.Upc ?? "",
        ListingField.Ean => product.Ean ?? "",
        ListingField.WeightGrams => product.WeightGrams.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };
}
