using System.Text.Json;
using Fulfilment.Catalogue;
using Fulfilment.Functions.Http;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace Fulfilment.Functions.Manage;

/// <summary>
/// HTTP: the product catalogue. GET lists it; POST upserts products sent as JSON (one object or an array) or as a CSV
/// (bulk). Valid rows are stored even when others are rejected: 200 when all were imported, 422 when any were rejected.
/// </summary>
public sealed class AdminProducts(IProductStore store, TimeProvider time, IEnumerable<ICatalogueChangeListener> listeners)
{
    /// <summary>JSON is for a few products; larger imports go through CSV, which is streamed.</summary>
    public const int MaxJsonProducts = 1000;

    [Function(nameof(AdminProducts))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = Routes.Manage + "/products")] HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
            ? PostAsync(request)
            // Streamed as a JSON array straight from the table's pages.
            : Task.FromResult(ApiResults.Ok(store.ListAsync(request.HttpContext.RequestAborted)));

    private async Task<IResult> PostAsync(HttpRequest request)
    {
        var http = request.HttpContext;

        ProductImportResult result;
        if (request.HasJsonContentType())
        {
            var body = await RequestJson.ReadAsync<JsonElement>(request, "a product object or an array of them");
            if (body.Failed)
                return body.Problem;
            if (body.Value.ValueKind == JsonValueKind.Array && body.Value.GetArrayLength() > MaxJsonProducts)
                return ApiResults.BadRequest($"At most {MaxJsonProducts} products per JSON request; send larger imports as text/csv.");
            IReadOnlyList<ProductImportRow> rows;
            try
            {
                rows = ProductJsonImport.Read(body.Value, time);
            }
            catch (ProductImportFormatException ex)
            {
                return ApiResults.BadRequest(ex.Message);
            }
            result = await ProductImporter.ImportAsync(rows.ToAsyncEnumerable(), store, http.RequestAborted);
        }
        else if (IsCsv(request, out var encoding))
        {
            var rows = ProductCsvImport.ReadAsync(request.Body, time, encoding, http.RequestAborted);
            result = await ProductImporter.ImportAsync(rows, store, http.RequestAborted);
        }
        else
        {
            return RequestJson.UnsupportedMediaType(request, "application/json", "text/csv");
        }

        // What follows the catalogue (stock and prices on channels) is told once per import that stored anything.
        if (result.Imported > 0)
            foreach (var listener in listeners)
                await listener.CatalogueChangedAsync(http.RequestAborted);

        if (result.FormatError is not null)
            return ApiResults.BadRequest(result.FormatError,
            [
                $"{result.Imported} valid row(s) before the error were imported; nothing after it was read.",
                .. result.Rejected.Select(r => $"row {r.Row}{(r.Sku is null ? "" : $" ({r.Sku})")} rejected: {string.Join("; ", r.Errors)}"),
            ]);
        var answer = new ProductImportAnswer(result.Imported, result.Rejected, result.RejectedCount,
            result.RejectedCount == 0
                ? $"{result.Imported} product(s) imported."
                : $"{result.Imported} product(s) imported; {result.RejectedCount} row(s) rejected and not imported (the valid rows were stored).");
        return ApiResults.Status(result.RejectedCount == 0 ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity, answer);
    }

    private static bool IsCsv(HttpRequest request, out System.Text.Encoding? encoding)
    {
        encoding = null;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            return false;
        // A declared charset is honoured; without one CsvHelper reads UTF-8 (and any byte order mark).
        try
        {
            encoding = mediaType.Encoding;
        }
        catch (ArgumentException)
        {
            encoding = null;
        }
        return true;
    }
}

/// <summary>The answer to an import: how many products were stored, and which rows were not and why.</summary>
public sealed record ProductImportAnswer(int Imported, IReadOnlyList<RejectedProduct> Rejected, int RejectedCount, string Message);
