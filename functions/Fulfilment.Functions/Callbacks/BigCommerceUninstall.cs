using Fulfilment.Channels.BigCommerce;
using Fulfilment.Connections;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Callbacks;

/// <summary>HTTP (anonymous, signed): BigCommerce's uninstall callback. Disconnects the store, which stops its polling.</summary>
public sealed class BigCommerceUninstall(BigCommerceAppAuth auth, ConnectionInstaller installer, ILogger<BigCommerceUninstall> logger)
{
    [Function(nameof(BigCommerceUninstall))]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bigcommerce/uninstall")] HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var verification = await auth.VerifySignedPayloadAsync(request.Query["signed_payload_jwt"].ToString(), ct);
        if (!verification.IsValid)
        {
            logger.LogWarning("Rejected a BigCommerce uninstall callback: {Failure}", verification.Failure);
            return Results.Json(new { error = "The signed payload is invalid or expired." }, statusCode: StatusCodes.Status401Unauthorized);
        }
        var storeHash = verification.Payload!.StoreHash;
        var found = await installer.DisconnectAsync("BigCommerce", storeHash, "The merchant uninstalled the app.", ct);
        logger.LogInformation("BigCommerce store {StoreHash} uninstalled the app; connection {Found}.", storeHash, found ? "disconnected" : "was not known");
        return Results.Ok();
    }
}
