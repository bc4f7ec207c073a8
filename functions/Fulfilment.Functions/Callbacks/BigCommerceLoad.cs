using Fulfilment.Channels.BigCommerce;
using Fulfilment.Connections;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Callbacks;

/// <summary>HTTP (anonymous, signed): BigCommerce's load callback when the merchant opens the app. Shows the connection's state.</summary>
public sealed class BigCommerceLoad(BigCommerceAppAuth auth, IConnectionStore connections, ILogger<BigCommerceLoad> logger)
{
    [Function(nameof(BigCommerceLoad))]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bigcommerce/load")] HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var verification = await auth.VerifySignedPayloadAsync(request.Query["signed_payload_jwt"].ToString(), ct);
        if (!verification.IsValid)
        {
            logger.LogWarning("Rejected a BigCommerce load callback: {Failure}", verification.Failure);
            return CallbackPages.Page(401, "Not authorised", "This link is invalid or has expired. Open the app again from BigCommerce.");
        }
        var storeHash = verification.Payload!.StoreHash;
        var connection = await connections.GetAsync(ConnectionInstaller.ConnectionIdFor("BigCommerce", storeHash), ct);
        var status = connection is null
            ? "This store is not connected yet: reinstall the app."
            : $"Connection status: {connection.Status}. Last poll: {connection.LastPolledAt?.ToString("u") ?? "not yet"}.{(connection.StatusReason is null ? "" : " " + connection.StatusReason)}";
        return CallbackPages.Page(200, $"Fulfilment for store {storeHash}", status);
    }
}
