using Fulfilment.Connections;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>
/// BigCommerce's app callbacks on <c>channels/bigcommerce/{auth|load|uninstall|remove_user}</c>: the install (code
/// exchange, connection stored and waiting for approval, order webhooks subscribed) and the signed-payload callbacks,
/// each payload accepted once; and the signed order webhooks on <c>channels/bigcommerce/webhook</c> (hints).
/// </summary>
public sealed class BigCommerceCallbacks(
    BigCommerceAppAuth auth,
    BigCommerceClient client,
    ConnectionInstaller installer,
    IConnectionStore connections,
    ISingleUseTokenStore usedTokens,
    BigCommerceHooks hooks,
    BigCommerceWebhooks webhooks,
    ILogger<BigCommerceCallbacks> logger) : IChannelCallbacks
{
    public string Partner => BigCommerceChannel.ChannelName;

    public async Task<PartnerHttpResponse> HandleAsync(PartnerHttpRequest request, CancellationToken cancellationToken)
    {
        if (string.Equals(request.Action, "webhook", StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase)
                ? PartnerHttpResponse.Status(await webhooks.ReceiveAsync(request, cancellationToken))
                : PartnerHttpResponse.Status(405);
        }
        return await HandleCallbackAsync(request, cancellationToken);
    }

    private Task<PartnerHttpResponse> HandleCallbackAsync(PartnerHttpRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(PartnerHttpResponse.Page(405, "Not allowed", "BigCommerce calls this address with GET only."));
        return request.Action.ToLowerInvariant() switch
        {
            "auth" => InstallAsync(request, cancellationToken),
            "load" => LoadAsync(request, cancellationToken),
            "uninstall" => UninstallAsync(request, cancellationToken),
            // Multi-user apps: a user removed from the app; nothing of ours depends on users.
            "remove_user" => AcknowledgeAsync(request, cancellationToken),
            _ => Task.FromResult(PartnerHttpResponse.Page(404, "Not found", "BigCommerce has no callback of that name.")),
        };
    }

    private async Task<PartnerHttpResponse> InstallAsync(PartnerHttpRequest request, CancellationToken cancellationToken)
    {
        var code = request.QueryValue("code");
        var context = request.QueryValue("context");
        if (code.Length == 0 || context.Length == 0)
            return PartnerHttpResponse.Page(400, "Install failed", "The install link is incomplete (code and context are required). Start the install again from BigCommerce.");
        if (BigCommerceStoreHash.FromContext(context) is null)
            return PartnerHttpResponse.Page(400, "Install failed", "The install link names no valid store (context must be stores/ followed by the store hash). Start the install again from BigCommerce.");

        BigCommerceInstallResult install;
        try
        {
            install = await auth.ExchangeCodeAsync(code, request.QueryValue("scope"), context, cancellationToken);
        }
        catch (PartnerException ex)
        {
            logger.LogWarning("BigCommerce install for context {Context} failed: {Kind} {Status}.", context, ex.Kind, ex.StatusCode);
            return ex.Kind switch
            {
                PartnerFailureKind.Rejected => PartnerHttpResponse.Page(400, "Install failed", "BigCommerce did not accept this install code (it may have been used already). Start the install again."),
                PartnerFailureKind.Authentication => PartnerHttpResponse.Page(502, "Install failed", "BigCommerce did not accept this app's credentials. Operators: check BigCommerce__ClientId and BigCommerce__ClientSecret."),
                _ => PartnerHttpResponse.Page(503, "Install failed", "BigCommerce could not be reached. Try the install again in a minute."),
            };
        }

        var connection = await installer.InstallAsync(BigCommerceChannel.ChannelName, install.StoreHash,
            new Dictionary<string, string> { [BigCommerceChannel.AccessToken] = install.AccessToken }, install.Scope, null, cancellationToken);
        logger.LogInformation("BigCommerce store {StoreHash} installed the app; connection {ConnectionId} is {Status}.", install.StoreHash, connection.Id, connection.Status);
        await SubscribeWebhooksAsync(connection, cancellationToken);
        return PartnerHttpResponse.Page(200, "Connected", connection.Status switch
        {
            ConnectionStatus.Active => $"Store {install.StoreHash} is connected. Orders awaiting shipment will be sent to your carrier and tracking written back.",
            ConnectionStatus.PendingApproval => $"Store {install.StoreHash} is connected and waiting for our team's approval; orders are imported once it is approved.",
            _ => $"Store {install.StoreHash} is connected, but its fulfilment is paused by our team. Contact us to resume it.",
        });
    }

    /// <summary>Subscribing may not undo the install: a failure is logged, polls check again, and polls alone import every order.</summary>
    private async Task SubscribeWebhooksAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await hooks.EnsureSubscribedAsync(connection, cancellationToken);
        }
        catch (PartnerException ex)
        {
            logger.LogWarning("BigCommerce connection {ConnectionId}: webhooks could not be subscribed; the poll alone imports orders: {Kind} {Status}.",
                connection.Id, ex.Kind, ex.StatusCode);
        }
    }

    private async Task<PartnerHttpResponse> LoadAsync(PartnerHttpRequest request, CancellationToken cancellationToken)
    {
        if (await VerifyOnceAsync(request, "load", cancellationToken) is not { } payload)
            return PartnerHttpResponse.Page(401, "Not authorised", "This link is invalid, expired or already used. Open the app again from BigCommerce.");
        var connection = await connections.GetAsync(ConnectionInstaller.ConnectionIdFor(BigCommerceChannel.ChannelName, payload.StoreHash), cancellationToken);
        var status = connection is null
            ? "This store is not connected yet: reinstall the app."
            : $"Connection status: {connection.Status}. Last poll: {connection.LastPolledAt?.ToString("u") ?? "not yet"}.{(connection.StatusReason is null ? "" : " " + connection.StatusReason)}";
        return PartnerHttpResponse.Page(200, $"Fulfilment for store {payload.StoreHash}", status);
    }

    private async Task<PartnerHttpResponse> UninstallAsync(PartnerHttpRequest request, CancellationToken cancellationToken)
    {
        if (await VerifyAsync(request, "uninstall", cancellationToken) is not { } payload)
            return PartnerHttpResponse.Status(401);
        // A signed payload also reaches store users' browsers (the load callback). Disconnect only once the store's token
        // no longer works, so a payload taken from a browser cannot switch a store off. UNCONFIRMED: that BigCommerce revokes
        // the token before it calls this; if it does not, the next poll's 401 stops polling instead (ReconnectRequired).
        var id = ConnectionInstaller.ConnectionIdFor(BigCommerceChannel.ChannelName, payload.StoreHash);
        var connection = await connections.GetAsync(id, cancellationToken);
        bool tokenWorks;
        try
        {
            tokenWorks = connection is not null && await TokenStillWorksAsync(connection, cancellationToken);
        }
        catch (PartnerException ex)
        {
            // Not known yet: BigCommerce retries a failed callback, and the payload is not used up.
            logger.LogWarning("BigCommerce uninstall for store {StoreHash} could not be checked ({Kind}); answered 503.", payload.StoreHash, ex.Kind);
            return PartnerHttpResponse.Status(503);
        }
        if (!await UseOnceAsync(payload, "uninstall", cancellationToken))
            return PartnerHttpResponse.Status(401);
        if (tokenWorks)
        {
            logger.LogWarning("BigCommerce uninstall callback for store {StoreHash}, but its token still works; the connection is kept.", payload.StoreHash);
            return PartnerHttpResponse.Status(200);
        }
        var disconnected = await installer.DisconnectAsync(BigCommerceChannel.ChannelName, payload.StoreHash, "The merchant uninstalled the app.", payload.IssuedAt, cancellationToken);
        logger.LogInformation("BigCommerce store {StoreHash} uninstalled the app; connection {Outcome}.", payload.StoreHash,
            disconnected ? "disconnected" : "unknown or reinstalled since");
        return PartnerHttpResponse.Status(200);
    }

    private async Task<PartnerHttpResponse> AcknowledgeAsync(PartnerHttpRequest request, CancellationToken cancellationToken) =>
        await VerifyOnceAsync(request, "remove_user", cancellationToken) is null ? PartnerHttpResponse.Status(401) : PartnerHttpResponse.Status(200);

    /// <summary>The payload, if it is genuine, current and presented for the first time; null (logged) otherwise.</summary>
    private async Task<BigCommerceSignedPayload?> VerifyOnceAsync(PartnerHttpRequest request, string callback, CancellationToken cancellationToken) =>
        await VerifyAsync(request, callback, cancellationToken) is { } payload && await UseOnceAsync(payload, callback, cancellationToken) ? payload : null;

    private async Task<BigCommerceSignedPayload?> VerifyAsync(PartnerHttpRequest request, string callback, CancellationToken cancellationToken)
    {
        var verification = await auth.VerifySignedPayloadAsync(request.QueryValue("signed_payload_jwt"), cancellationToken);
        if (verification.IsValid)
            return verification.Payload;
        logger.LogWarning("Rejected a BigCommerce {Callback} callback: {Failure}", callback, verification.Failure);
        return null;
    }

    private async Task<bool> UseOnceAsync(BigCommerceSignedPayload payload, string callback, CancellationToken cancellationToken)
    {
        if (await usedTokens.TryUseAsync("bigcommerce-signed-payload", payload.TokenId, payload.ExpiresAt, cancellationToken))
            return true;
        logger.LogWarning("Rejected a BigCommerce {Callback} callback for store {StoreHash}: its signed payload was already used.", callback, payload.StoreHash);
        return false;
    }

    private async Task<bool> TokenStillWorksAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        if (!connection.HasCredentials)
            return false;
        try
        {
            await client.ListOrderStatusesAsync(BigCommerceChannel.StoreOf(connection), cancellationToken);
            return true;
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
        {
            return false;
        }
    }
}
