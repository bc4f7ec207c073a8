using Fulfilment.Storage;

namespace Fulfilment.Catalogue;

/// <summary>A rejected product: its row (as in <see cref="ProductImportRow.Row"/>), its SKU if it had one, and why.</summary>
public sealed record RejectedProduct(int Row, string? Sku, IReadOnlyList<string> Errors);

/// <summary>What an import did. Valid rows are stored even when others are rejected.</summary>
/// <param name="Imported">Rows upserted.</param>
/// <param name="Rejected">The first <see cref="ProductImporter.MaxReportedRejections"/> rejected rows.</param>
/// <param name="RejectedCount">Every rejected row, including those not listed.</param>
/// <param name="FormatError">Set when the input broke off (malformed CSV): every valid row before it was still imported.</param>
public sealed record ProductImportResult(int Imported, IReadOnlyList<RejectedProduct> Rejected, int RejectedCount, string? FormatError);

/// <summary>Upserts validated rows in chunks of <see cref="ChunkSize"/>, so a large import holds one chunk in memory at a time.</summary>
public static class ProductImporter
{
    /// <summary>One Table Storage transaction's worth of products.</summary>
    public const int ChunkSize = 100;

    /// <summary>A file of a million bad rows still gets a bounded answer; <see cref="ProductImportResult.RejectedCount"/> has the total.</summary>
    public const int MaxReportedRejections = 1000;

    public static async Task<ProductImportResult> ImportAsync(IAsyncEnumerable<ProductImportRow> rows, IProductStore store, CancellationToken cancellationToken)
    {
        var chunk = new List<Product>(ChunkSize);
        var rejected = new List<RejectedProduct>();
        int imported = 0, rejectedCount = 0;
        string? formatError = null;
        try
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (!row.IsValid)
                {
                    rejectedCount++;
                    if (rejected.Count < MaxReportedRejections)
                        rejected.Add(new RejectedProduct(row.Row, row.Sku, row.Errors));
                    continue;
                }
                chunk.Add(row.Product!);
                if (chunk.Count == ChunkSize)
                    imported += await FlushAsync(chunk, store, cancellationToken);
            }
        }
        catch (ProductImportFormatException ex)
        {
            formatError = ex.Message;
        }
        // Rows read before a format error are valid and stored, so the answer can say exactly what happened.
        imported += await FlushAsync(chunk, store, cancellationToken);
        return new ProductImportResult(imported, rejected, rejectedCount, formatError);
    }

    private static async Task<int> FlushAsync(List<Product> chunk, IProductStore store, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
            return 0;
        var count = chunk.Count;
        await store.UpsertManyAsync(chunk.ToArray(), cancellationToken);
        chunk.Clear();
        return count;
    }
}
