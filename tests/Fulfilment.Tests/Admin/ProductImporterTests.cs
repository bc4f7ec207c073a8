using System.Runtime.CompilerServices;
using System.Text;
using Fulfilment.Catalogue;
using Fulfilment.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Fulfilment.Tests.Admin;

public class ProductImporterTests
{
    /// <summary>Records each UpsertManyAsync call; the Table Storage store itself is tested against Azurite.</summary>
    private sealed class RecordingProductStore : IProductStore
    {
        public List<int> Batches { get; } = [];
        public List<Product> Stored { get; } = [];

        public Task UpsertManyAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken)
        {
            Batches.Add(products.Count);
            Stored.AddRange(products);
            return Task.CompletedTask;
        }

        public Task<Product?> GetAsync(string sku, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyDictionary<string, Product>> GetManyAsync(IEnumerable<string> skus, CancellationToken cancellationToken) => throw new NotSupportedException();
        public IAsyncEnumerable<Product> ListAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<bool> DeleteAsync(string sku, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<bool> TryAddAsync(Product product, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static readonly FakeTimeProvider Time = new();

    private static Stream Csv(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Valid_rows_are_upserted_in_chunks_of_100_and_rejected_rows_reported()
    {
        var csv = new StringBuilder("sku,weight_grams\n");
        for (var i = 1; i <= 250; i++)
            csv.Append(i % 50 == 0 ? $"BAD-{i},0\n" : $"SKU-{i},{i}\n");
        var store = new RecordingProductStore();

        var result = await ProductImporter.ImportAsync(ProductCsvImport.ReadAsync(Csv(csv.ToString()), Time), store, CancellationToken.None);

        Assert.Equal(245, result.Imported);
        Assert.Equal([100, 100, 45], store.Batches);
        Assert.Equal(5, result.RejectedCount);
        Assert.Equal([50, 100, 150, 200, 250], result.Rejected.Select(r => r.Row));
        Assert.Equal("BAD-50", result.Rejected[0].Sku);
        Assert.Null(result.FormatError);
    }

    [Fact]
    public async Task A_malformed_row_stops_the_import_but_keeps_the_valid_rows_before_it()
    {
        var store = new RecordingProductStore();

        var result = await ProductImporter.ImportAsync(
            ProductCsvImport.ReadAsync(Csv("sku,weight_grams\nA,1\nB,0\nC,3\n\"D,4\nE,5\n"), Time), store, CancellationToken.None);

        Assert.Equal(["A", "C"], store.Stored.Select(p => p.Sku));
        Assert.Equal(2, result.Imported);
        Assert.Equal(2, Assert.Single(result.Rejected).Row);
        Assert.NotNull(result.FormatError);
        Assert.Contains("data row 4", result.FormatError);
    }

    [Fact]
    public async Task The_list_of_rejected_rows_is_capped_but_the_count_is_not()
    {
        var store = new RecordingProductStore();

        var result = await ProductImporter.ImportAsync(Rejected(ProductImporter.MaxReportedRejections + 7), store, CancellationToken.None);

        Assert.Equal(ProductImporter.MaxReportedRejections, result.Rejected.Count);
        Assert.Equal(ProductImporter.MaxReportedRejections + 7, result.RejectedCount);
        Assert.Empty(store.Batches);
    }

    private static async IAsyncEnumerable<ProductImportRow> Rejected(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new ProductImportRow(i, null, null, ["sku is required"]);
        }
    }
}
