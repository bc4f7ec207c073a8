using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;

namespace Fulfilment.Catalogue;

/// <summary>The import input cannot be read at all (no header, broken quoting, not JSON): the whole request is refused.</summary>
public sealed class ProductImportFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads a product CSV (header row, columns named as in <see cref="ProductFieldNames.Csv"/>, any order, unknown
/// columns ignored) as a stream of validated rows. Records are streamed from the input, never held all at once.
/// </summary>
public static class ProductCsvImport
{
    /// <summary>Columns the header must have; the others may be left out (their values are then empty).</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = [ProductFieldNames.Csv.Sku, ProductFieldNames.Csv.WeightGrams];

    /// <summary>The documented header, for error messages and templates.</summary>
    public static string Header => string.Join(',', ProductFieldNames.Csv.All);

    // A product row is well under 2 KiB; the cap stops an unclosed quote from buffering the rest of a large upload.
    private const int MaxRecordBytes = 64 * 1024;

    /// <summary>
    /// Validates each data row. Throws <see cref="ProductImportFormatException"/> when the header is missing or the CSV is
    /// malformed (at the first bad record: rows before it have already been yielded).
    /// </summary>
    public static async IAsyncEnumerable<ProductImportRow> ReadAsync(Stream csv, TimeProvider time, Encoding? encoding = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var options = CsvReaderOptions.Default with
        {
            // A fixed separator: detection would read "a;b" files as one column and report a confusing missing header.
            Separator = ',',
            HasHeader = true,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MaxRecordSize = MaxRecordBytes,
            // Values may be personal or commercial data; messages go to callers and logs.
            IncludeValuesInExceptions = false,
            Encoding = encoding,
        };
        await using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        var columns = await ReadColumnsAsync(reader, cancellationToken);
        var now = time.GetUtcNow();

        while (true)
        {
            try
            {
                if (!await reader.ReadAsync(cancellationToken))
                    yield break;
            }
            catch (CsvFormatException ex)
            {
                throw new ProductImportFormatException($"The CSV is malformed at data row {Math.Max(ex.RecordNumber - 1, 1)}: {Describe(ex)}", ex);
            }
            var input = new ProductInput
            {
                Sku = Field(reader, columns.Sku),
                Name = Field(reader, columns.Name),
                WeightGrams = Field(reader, columns.WeightGrams),
                HeightMm = Field(reader, columns.HeightMm),
                WidthMm = Field(reader, columns.WidthMm),
                DepthMm = Field(reader, columns.DepthMm),
                CustomsDescription = Field(reader, columns.CustomsDescription),
                TariffCode = Field(reader, columns.TariffCode),
                OriginCountry = Field(reader, columns.OriginCountry),
                QuantityOnHand = Field(reader, columns.QuantityOnHand),
                Price = Field(reader, columns.Price),
                Upc = Field(reader, columns.Upc),
                Ean = Field(reader, columns.Ean),
                WarehouseQuantities = Field(reader, columns.WarehouseQuantities),
            };
            yield return ProductValidator.Validate(checked((int)reader.RowNumber), input, ProductFieldNames.Csv, now);
        }
    }

    private sealed record ColumnIndexes(int Sku, int Name, int WeightGrams, int HeightMm, int WidthMm, int DepthMm,
        int CustomsDescription, int TariffCode, int OriginCountry, int QuantityOnHand, int Price, int Upc, int Ean, int WarehouseQuantities);

    private static async Task<ColumnIndexes> ReadColumnsAsync(CsvReader reader, CancellationToken cancellationToken)
    {
        try
        {
            await reader.ReadHeaderAsync(cancellationToken);
        }
        catch (CsvFormatException ex)
        {
            throw new ProductImportFormatException($"The CSV header row is malformed: {Describe(ex)}", ex);
        }
        var headers = reader.Headers;
        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            throw new ProductImportFormatException($"The CSV is empty; expected a header row: {Header}");

        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Trim().TrimStart('\uFEFF');
            if (name.Length > 0 && !index.TryAdd(name, i) && ProductFieldNames.Csv.All.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new ProductImportFormatException($"The CSV header names the column '{name}' twice.");
        }
        var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new ProductImportFormatException(
                $"The first row is not a valid header: it has no {string.Join(" or ", missing)} column. Expected a header row: {Header}");

        int At(string column) => index.GetValueOrDefault(column, -1);
        var c = ProductFieldNames.Csv;
        return new ColumnIndexes(At(c.Sku), At(c.Name), At(c.WeightGrams), At(c.HeightMm), At(c.WidthMm), At(c.DepthMm),
            At(c.CustomsDescription), At(c.TariffCode), At(c.OriginCountry), At(c.QuantityOnHand), At(c.Price),
            At(c.Upc), At(c.Ean), At(c.WarehouseQuantities));
    }

    private static string? Field(CsvReader reader, int index) => index < 0 ? null : reader.GetString(index);

    /// <summary>CsvHelper's message without its record number, which counts the header (ours does not).</summary>
    private static string Describe(CsvFormatException ex)
    {
        var message = ex.Message;
        var colon = message.IndexOf("): ", StringComparison.Ordinal);
        return colon >= 0 ? message[(colon + 3)..] : message;
    }
}
