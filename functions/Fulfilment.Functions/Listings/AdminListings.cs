using Fulfilment.Functions.Http;
using Fulfilment.Listings;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Listings;

/// <summary>Which listings to create for a connection: these SKUs, or every product of the catalogue; then link them (default).</summary>
public sealed record ListingsInput(IReadOnlyList<string>? Skus, bool? AllProducts, bool? Link);

/// <summary>What creating listings did: how many were asked for, which SKUs our catalogue does not have, whether a link run was queued.</summary>
public sealed record ListingsCreated(int Listings, IReadOnlyList<string> NotInCatalogue, bool LinkQueued);

/// <summary>A connection's listings with their counts, its latest runs and whether an export link is issued (never the link itself).</summary>
public sealed record ListingsView(string ConnectionId, string Channel, IReadOnlyDictionary<string, int> Counts, ListingRun? LastLink, ListingRun? LastSync,
    DateTimeOffset? ExportLinkIssuedAt, IReadOnlyList<Listing> Listings, bool More);

/// <summary>
/// HTTP: a connection's listings. GET lists them (<c>?status=Linked|Unmatched|Ambiguous|Unlinked|SyncFailed</c>, each
/// with its reason), with counts and the latest link and sync runs; POST creates listings (<c>{skus}</c> or
/// <c>{allProducts: true}</c>) and queues a link run; DELETE <c>?sku=</c> removes one.
/// </summary>
public sealed class AdminListings(IConnectionStore connections, IListingStore listings, IListingRunStore runs, IProductStore products,
    IExportLinkStore exportLinks, ListingPartners partners, IWorkQueue queue, ILogger<AdminListings> logger)
{
    public const int MaxSkusPerRequest = 5000;
    public const int DefaultTake = 500;
    public const int MaxTake = 5000;
    public const string SyncFailed = "SyncFailed";

    [Function(nameof(AdminListings))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", "delete", Route = Routes.Manage + "/connections/{id}/listings")] HttpRequest request)
    {
        var id = request.RouteValues["id"] as string ?? "";
        var (connection, problem) = await ListingsApi.ConnectionAsync(connections, partners, id, ListingsApi.AnyListingCapability, request.HttpContext.RequestAborted);
        if (connection is null)
            return problem!;
        return request.Method switch
        {
            _ when HttpMethods.IsPost(request.Method) => await CreateAsync(request, connection),
            _ when HttpMethods.IsDelete(request.Method) => await DeleteAsync(request, connection.Id),
            _ => await ListAsync(request, connection),
        };
    }

    private async Task<IResult> ListAsync(HttpRequest request, Connections.ChannelConnection connection)
    {
        var ct = request.HttpContext.RequestAborted;
        var status = request.Query["status"].ToString();
        ListingStatus? wanted = null;
        if (status.Length > 0 && !string.Equals(status, SyncFailed, StringComparison.OrdinalIgnoreCase))
        {
            if (!Enum.TryParse<ListingStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return ApiResults.BadRequest($"status must be one of {string.Join(", ", Enum.GetNames<ListingStatus>())} or {SyncFailed}.");
            wanted = parsed;
        }
        var take = int.TryParse(request.Query["take"], out var t) ? Math.Clamp(t, 1, MaxTake) : DefaultTake;

        var counts = Enum.GetNames<ListingStatus>().Append(SyncFailed).ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var shown = new List<Listing>();
        var more = false;
        await foreach (var listing in listings.ListAsync(connection.Id, ct))
        {
            counts[listing.Status.ToString()]++;
            if (listing.SyncProblem is not null)
                counts[SyncFailed]++;
            var matches = status.Length == 0 || (wanted is { } w ? listing.Status == w : listing.SyncProblem is not null);
            if (!matches)
                continue;
            if (shown.Count < take) shown.Add(listing);
            else more = true;
        }
        var export = await exportLinks.GetAsync(connection.Id, ct);
        return ApiResults.Ok(new ListingsView(connection.Id, connection.Channel, counts,
            await runs.GetAsync(connection.Id, ListingRunKind.Link, ct), await runs.GetAsync(connection.Id, ListingRunKind.Sync, ct),
            export?.IssuedAt, shown, more));
    }

    private async Task<IResult> CreateAsync(HttpRequest request, Connections.ChannelConnection connection)
    {
        var ct = request.HttpContext.RequestAborted;
        var body = await RequestJson.ReadAsync<ListingsInput>(request, "{skus: [..]} or {allProducts: true}, and optionally link: false");
        if (body.Failed)
            return body.Problem;
        var input = body.Value;
        if ((input.AllProducts == true) == (input.Skus is { Count: > 0 }))
            return ApiResults.BadRequest("Send either skus (a non-empty list) or allProducts: true.");
        if (input.Skus is { Count: > MaxSkusPerRequest })
            return ApiResults.BadRequest($"At most {MaxSkusPerRequest} SKUs per request; use allProducts for the whole catalogue.");

        List<string> skus;
        var notInCatalogue = new List<string>();
        if (input.AllProducts == true)
        {
            skus = [];
            await foreach (var product in products.ListAsync(ct))
                skus.Add(product.Sku);
        }
        else
        {
            var asked = input.Skus!.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
            var found = await products.GetManyAsync(asked, ct);
            skus = asked.Where(found.ContainsKey).ToList();
            notInCatalogue = asked.Where(s => !found.ContainsKey(s)).ToList();
        }
        await listings.AddAsync(connection.Id, skus, ct);

        var link = input.Link ?? true;
        var linkQueued = link && skus.Count > 0 && partners.Can(connection.Channel, Channels.ChannelCapabilities.LinkListings)
            && connection.Status == Connections.ConnectionStatus.Active;
        if (linkQueued)
            await queue.SendAsync(StorageNames.Queues.ListingLink, new LinkListingsMessage(connection.Id, PipelineTracing.CurrentTraceParent()), ct);
        logger.LogInformation("{Count} listing(s) created for {ConnectionId}; link queued: {Queued}.", skus.Count, connection.Id, linkQueued);
        return ApiResults.Status(notInCatalogue.Count == 0 ? StatusCodes.Status202Accepted : StatusCodes.Status207MultiStatus,
            new ListingsCreated(skus.Count, notInCatalogue, linkQueued));
    }

    private async Task<IResult> DeleteAsync(HttpRequest request, string connectionId)
    {
        var sku = request.Query["sku"].ToString().Trim();
        if (sku.Length == 0)
            return ApiResults.BadRequest("The sku query parameter is required.");
        return await listings.RemoveAsync(connectionId, sku, request.HttpContext.RequestAborted)
            ? Results.NoContent()
            : ApiResults.NotFound($"Connection '{connectionId}' has no listing of SKU '{sku}'.");
    }
}
