using Fulfilment.Channels;
using Fulfilment.Functions.Http;
using Fulfilment.Listings;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Listings;

/// <summary>Options of a run started by hand: link again the listings linked already; push every listing, changed or not.</summary>
public sealed record ListingRunInput(bool? Relink, bool? Full);

/// <summary>
/// HTTP POST: starts a listing run now: <c>…/listings/link</c> (<c>{relink: true}</c> checks linked ones again) or
/// <c>…/listings/sync</c> (<c>{full: true}</c> pushes every linked listing). Answers 202; the run's outcome shows in
/// GET <c>…/listings</c>.
/// </summary>
public sealed class AdminListingRun(IConnectionStore connections, ListingPartners partners, IWorkQueue queue, ILogger<AdminListingRun> logger)
{
    [Function(nameof(AdminListingRun))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Manage + "/connections/{id}/listings/{run}")] HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var id = request.RouteValues["id"] as string ?? "";
        var run = (request.RouteValues["run"] as string ?? "").ToLowerInvariant();
        if (run is not ("link" or "sync"))
            return ApiResults.NotFound("A listing run is .../listings/link or .../listings/sync.");
        var (connection, problem) = await ListingsApi.ConnectionAsync(connections, partners, id,
            run == "link" ? ChannelCapabilities.LinkListings : ChannelCapabilities.SyncListings, ct);
        if (connection is null)
            return problem!;
        if (connection.Status != Connections.ConnectionStatus.Active)
            return ApiResults.Conflict($"Connection '{id}' is {connection.Status}; listings run for active connections only.");

        var input = new ListingRunInput(null, null);
        if (request.ContentLength is > 0 || request.HasJsonContentType())
        {
            var body = await RequestJson.ReadAsync<ListingRunInput>(request, "{relink?: bool} for link, {full?: bool} for sync");
            if (body.Failed)
                return body.Problem;
            input = body.Value;
        }
        var traceParent = PipelineTracing.CurrentTraceParent();
        if (run == "link")
            await queue.SendAsync(StorageNames.Queues.ListingLink, new LinkListingsMessage(connection.Id, traceParent) { Relink = input.Relink ?? false }, ct);
        else
            await queue.SendAsync(StorageNames.Queues.ListingSync, new SyncListingsMessage(connection.Id, traceParent) { Full = input.Full ?? false }, ct);
        logger.LogInformation("Listing {Run} of {ConnectionId} queued by an operator.", run, connection.Id);
        return ApiResults.Status(StatusCodes.Status202Accepted, new { queued = run, connectionId = connection.Id });
    }
}
