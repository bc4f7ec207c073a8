using Fulfilment.Channels;
using Fulfilment.Functions.Http;
using Fulfilment.Listings;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Listings;

/// <summary>An export link as issued: the only time its URL (which holds the secret) is shown.</summary>
public sealed record ExportLinkIssued(string Url, DateTimeOffset IssuedAt, string Note);

/// <summary>
/// HTTP: a connection's custom export link. POST issues one (or a new one, which revokes the old) and answers its URL
/// once; GET says only whether one is issued and when; DELETE revokes it. The secret is never logged or shown again.
/// </summary>
public sealed class AdminExportLink(IConnectionStore connections, ListingPartners partners, ExportLinks links, ILogger<AdminExportLink> logger)
{
    [Function(nameof(AdminExportLink))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", "delete", Route = Routes.Manage + "/connections/{id}/export-link")] HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var id = request.RouteValues["id"] as string ?? "";
        var (connection, problem) = await ListingsApi.ConnectionAsync(connections, partners, id, ChannelCapabilities.ExportListings, ct);
        if (connection is null)
            return problem!;

        if (HttpMethods.IsDelete(request.Method))
        {
            var revoked = await links.RevokeAsync(connection.Id, ct);
            logger.LogInformation("Export link of {ConnectionId} revoked: {Revoked}.", connection.Id, revoked);
            return revoked ? Results.NoContent() : ApiResults.NotFound($"Connection '{id}' has no export link.");
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            var current = await links.CurrentAsync(connection.Id, ct);
            return ApiResults.Ok(new { issued = current is not null, issuedAt = current?.IssuedAt });
        }

        if (await RequestJson.EnsureNoBodyAsync(request) is { } bodyProblem)
            return bodyProblem;
        var link = await links.IssueAsync(connection.Id, ct);
        logger.LogInformation("Export link of {ConnectionId} issued (any earlier one no longer works).", connection.Id);
        var url = $"{request.Scheme}://{request.Host}/api/channels/{Uri.EscapeDataString(connection.Channel.ToLowerInvariant())}/export/{Uri.EscapeDataString(connection.Id)}?key={link.Secret}";
        return ApiResults.Ok(new ExportLinkIssued(url, link.IssuedAt,
            "Shown this once: paste it into the channel's import (ecomdash: Bulk Import/Export → Integrated Import Formats → Add New). Issuing again replaces it."));
    }
}
