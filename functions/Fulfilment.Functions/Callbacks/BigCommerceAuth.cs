using Fulfilment.Channels.BigCommerce;
using Fulfilment.Connections;
using Fulfilment.Partners;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Callbacks;

/// <summary>HTTP (anonymous): BigCommerce's app-install callback. Exchanges the code for a store token and stores the connection.</summary>
public sealed class BigCommerceAuth(BigCommerceAppAuth auth, ConnectionInstaller installer, ILogger<BigCommerceAuth> logger)
{
    [Function(nameof(BigCommerceAuth))]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bigcommerce/auth")] HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var code = request.Query["code"].ToString();
        var scope = request.Query["scope"].ToString();
        var context = request.Query["context"].ToString();
        if (code.Length == 0 || context.Length == 0)
            return CallbackPages.Page(400, "Install failed", "The install link is incomplete (code and context are required). Start the install again from BigCommerce.");

        BigCommerceInstallResult install;
        try
        {
            install = await auth.ExchangeCodeAsync(code, scope, context, ct);
        }
        catch (PartnerException ex)
        {
            logger.LogWarning("BigCommerce install for context {Context} failed: {Kind} {Status}.", context, ex.Kind, ex.StatusCode);
            return ex.Kind switch
            {
                PartnerFailureKind.Rejected => CallbackPages.Page(400, "Install failed", "BigCommerce did not accept this install code (it may have been used already). Start the install again."),
                PartnerFailureKind.Authentication => CallbackPages.Page(502, "Install failed", "BigCommerce did not accept this app's credentials. Operators: check BigCommerce__ClientId and BigCommerce__ClientSecret."),
                _ => CallbackPages.Page(503, "Install failed", "BigCommerce could not be reached. Try the install again in a minute."),
            };
        }

        var connection = await installer.InstallAsync("BigCommerce", install.StoreHash, install.AccessToken, install.Scope, null, ct);
        logger.LogInformation("BigCommerce store {StoreHash} installed the app; connection {ConnectionId} is active.", install.StoreHash, connection.Id);
        return CallbackPages.Page(200, "Connected", $"Store {install.StoreHash} is connected. Orders awaiting shipment will be sent to your carrier and tracking written back.");
    }
}
