using Fulfilment.Channels.BigCommerce;
using Fulfilment.Connections;
using Fulfilment.Functions.Host;

namespace Fulfilment.Functions.BigCommerceUninstall;

/// <summary>HTTP (anonymous, signed): BigCommerce's uninstall callback. Disconnects the store, which stops its polling.</summary>
public static class BigCommerceUninstallFunction
{
    public static readonly FunctionDefinition Definition = FunctionDefinition.Http("BigCommerceUninstall", "bigcommerce/uninstall", "anonymous", "get");

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Definition.HandlerPath, HandleAsync);

    private static async Task<IResult> HandleAsync(HttpRequest request, BigCommerceAppAuth auth, ConnectionInstaller installer, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(Definition.Name);
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
