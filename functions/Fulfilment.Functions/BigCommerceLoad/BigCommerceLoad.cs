using Fulfilment.Channels.BigCommerce;
using Fulfilment.Connections;
using Fulfilment.Functions.BigCommerceAuth;
using Fulfilment.Functions.Host;
using Fulfilment.Storage;

namespace Fulfilment.Functions.BigCommerceLoad;

/// <summary>HTTP (anonymous, signed): BigCommerce's load callback when the merchant opens the app. Shows the connection's state.</summary>
public static class BigCommerceLoadFunction
{
    public static readonly FunctionDefinition Definition = FunctionDefinition.Http("BigCommerceLoad", "bigcommerce/load", "anonymous", "get");

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Definition.HandlerPath, HandleAsync);

    private static async Task<IResult> HandleAsync(HttpRequest request, BigCommerceAppAuth auth, IConnectionStore connections, ILoggerFactory loggers, CancellationToken ct)
    {
        var verification = await auth.VerifySignedPayloadAsync(request.Query["signed_payload_jwt"].ToString(), ct);
        if (!verification.IsValid)
        {
            loggers.CreateLogger(Definition.Name).LogWarning("Rejected a BigCommerce load callback: {Failure}", verification.Failure);
            return BigCommercePages.Page(401, "Not authorised", "This link is invalid or has expired. Open the app again from BigCommerce.");
        }
        var storeHash = verification.Payload!.StoreHash;
        var connection = await connections.GetAsync(ConnectionInstaller.ConnectionIdFor("BigCommerce", storeHash), ct);
        var status = connection is null
            ? "This store is not connected yet: reinstall the app."
            : $"Connection status: {connection.Status}. Last poll: {connection.LastPolledAt?.ToString("u") ?? "not yet"}.{(connection.StatusReason is null ? "" : " " + connection.StatusReason)}";
        return BigCommercePages.Page(200, $"Fulfilment for store {storeHash}", status);
    }
}
