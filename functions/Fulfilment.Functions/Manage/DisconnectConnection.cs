using Fulfilment.Connections;
using Fulfilment.Functions.Http;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>
/// HTTP POST: disconnects a store. Polling stops, the channel is asked to revoke the tokens (where it can), and they are
/// forgotten; the order history and the connection's settings stay, so connecting the store again restores it.
/// </summary>
public sealed class AdminDisconnectConnection(IConnectionStore connections, ConnectionInstaller installer, PartnerRegistry registry, ILogger<AdminDisconnectConnection> logger)
{
    [Function(nameof(AdminDisconnectConnection))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Manage + "/connections/{id}/disconnect")] HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var id = request.RouteValues["id"] as string ?? "";
        if (await RequestJson.EnsureNoBodyAsync(request) is { } problem)
            return problem;
        var connection = await connections.GetAsync(id, ct);
        if (connection is null)
            return ApiResults.NotFound($"There is no connection '{id}'.");
        if (connection.HasCredentials && registry.FindDisconnect(connection.Channel) is { } disconnect)
        {
            try
            {
                await disconnect.RevokeAsync(connection, ct);
            }
            catch (Exception ex) when (ex is Partners.PartnerException or HttpRequestException)
            {
                // Forgotten anyway: a token we no longer hold cannot be used by us, and the merchant can revoke it at the channel.
                logger.LogWarning("Revoking the tokens of {ConnectionId} at {Channel} failed: {Message}", id, connection.Channel, ex.Message);
            }
        }
        await installer.DisconnectByOperatorAsync(id, ct);
        logger.LogInformation("Connection {ConnectionId} disconnected by an operator.", id);
        return ApiResults.Ok(ConnectionView.From((await connections.GetAsync(id, ct))!));
    }
}
