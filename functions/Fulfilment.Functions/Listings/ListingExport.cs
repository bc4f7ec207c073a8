using Fulfilment.Connections;
using Fulfilment.Functions.Http;
using Fulfilment.Listings;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Listings;

/// <summary>
/// HTTP GET (anonymous, behind an unguessable key): a connection's product feed for the channel's import, as CSV in the
/// channel's columns, one row per listing created for the connection. Any wrong part (channel, connection, key) gets
/// the same 404, so the route tells nothing; the key is never logged.
/// </summary>
public sealed class ListingExport(IConnectionStore connections, IListingStore listings, IProductStore products, ListingPartners partners,
    ExportLinks links, ILogger<ListingExport> logger)
{
    private const int ProductReadBatch = 100;

    [Function(nameof(ListingExport))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "channels/{channel}/export/{connectionId}")] HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var channel = request.RouteValues["channel"] as string ?? "";
        var connectionId = request.RouteValues["connectionId"] as string ?? "";
        var connection = await connections.GetAsync(connectionId, ct);
        if (connection is null || connection.Status == ConnectionStatus.Disconnected
            || !string.Equals(connection.Channel, channel, StringComparison.OrdinalIgnoreCase)
            || partners.FindExport(connection.Channel) is not { } export
            || !await links.IsValidAsync(connection.Id, request.Query["key"].ToString(), ct))
            return ApiResults.NotFound("There is no such export.");

        var columns = export.ExportColumns(connection);
        return new CsvFeedResult(async (stream, token) =>
        {
            var rows = await ListingExportWriter.WriteAsync(stream, columns, ProductsOf(connection.Id, token), token);
            logger.LogInformation("Export of {ConnectionId} served {Rows} product(s).", connection.Id, rows);
        }, $"{connection.Id}-products.csv");
    }

    /// <summary>The catalogue products of the connection's listings, read in batches as the feed is written.</summary>
    private async IAsyncEnumerable<Catalogue.Product> ProductsOf(string connectionId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<string>(ProductReadBatch);
        await foreach (var listing in listings.ListAsync(connectionId, cancellationToken))
        {
            batch.Add(listing.Sku);
            if (batch.Count == ProductReadBatch)
            {
                foreach (var product in await ReadAsync(batch, cancellationToken))
                    yield return product;
                batch.Clear();
            }
        }
        foreach (var product in await ReadAsync(batch, cancellationToken))
            yield return product;
    }

    private async Task<IEnumerable<Catalogue.Product>> ReadAsync(List<string> skus, CancellationToken cancellationToken)
    {
        if (skus.Count == 0)
            return [];
        var found = await products.GetManyAsync(skus, cancellationToken);
        return skus.Where(found.ContainsKey).Select(s => found[s]);
    }

    /// <summary>Streams the CSV; the feed carries stock and prices, so nothing on the way may keep a copy.</summary>
    private sealed class CsvFeedResult(Func<Stream, CancellationToken, Task> write, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = ListingExportWriter.ContentType;
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
            httpContext.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
            await write(httpContext.Response.Body, httpContext.RequestAborted);
        }
    }
}
