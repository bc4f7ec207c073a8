using System.Text.Json;
using Fulfilment.Connections;
using Fulfilment.Functions.Http;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>A channel connection as the API shows it: settings, status and cursor, whether it has a credential, never the credential.</summary>
public sealed record ConnectionView(string Id, string Channel, string StoreId, string? TradingName, ConnectionStatus Status, string? StatusReason,
    string? ImportStatus, int MaxOrderAgeDays, bool MarkDespatchedOnChannel, DateTimeOffset? Cursor, DateTimeOffset? LastPolledAt,
    DateTimeOffset CreatedAt, string? Scopes, bool HasCredential)
{
    public static ConnectionView From(ChannelConnection c) => new(c.Id, c.Channel, c.StoreId, c.TradingName, c.Status, c.StatusReason,
        c.ImportStatus, c.MaxOrderAgeDays, c.MarkDespatchedOnChannel, c.Cursor, c.LastPolledAt, c.CreatedAt, c.Scopes, !string.IsNullOrEmpty(c.Credential));
}

/// <summary>
/// HTTP: channel connections. GET lists them or shows one; PATCH {id} changes settings or pauses/resumes polling.
/// Connections are created by a channel's install callback, not here.
/// </summary>
public sealed class AdminConnections(IConnectionStore store, ILogger<AdminConnections> logger)
{
    [Function(nameof(AdminConnections))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "patch", Route = Routes.Manage + "/connections/{id?}")] HttpRequest request)
    {
        var id = request.RouteValues["id"] as string;
        return HttpMethods.IsPatch(request.Method) ? PatchAsync(request.HttpContext, id) : GetAsync(request.HttpContext, id);
    }

    private async Task<IResult> GetAsync(HttpContext http, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return ApiResults.Ok((await store.ListAsync(http.RequestAborted)).OrderBy(c => c.Id, StringComparer.Ordinal).Select(ConnectionView.From));
        var connection = await store.GetAsync(id, http.RequestAborted);
        return connection is null ? ApiResults.NotFound($"There is no connection '{id}'.") : ApiResults.Ok(ConnectionView.From(connection));
    }

    private async Task<IResult> PatchAsync(HttpContext http, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return ApiResults.BadRequest("PATCH needs the connection id in the path: .../connections/{id}.");
        var body = await RequestJson.ReadAsync<JsonElement>(http.Request, ConnectionPatch.Expected);
        if (body.Failed)
            return body.Problem;
        var (patch, errors) = ConnectionPatch.Parse(body.Value);
        if (patch is null)
            return ApiResults.BadRequest("The change is not valid.", errors);

        var connection = await store.GetAsync(id, http.RequestAborted);
        if (connection is null)
            return ApiResults.NotFound($"There is no connection '{id}'.");
        if (patch.Status == ConnectionStatus.Active && connection.Status != ConnectionStatus.Active && string.IsNullOrEmpty(connection.Credential))
            return ApiResults.Conflict($"Connection '{id}' has no credential, so it cannot be re-activated: the merchant must install the app again, which re-activates it.");

        patch.ApplyTo(connection);
        await store.SaveAsync(connection, http.RequestAborted);
        logger.LogInformation("Connection {ConnectionId} changed ({Fields}); status {Status}.", id, string.Join(", ", patch.Fields), connection.Status);
        return ApiResults.Ok(ConnectionView.From(connection));
    }
}
