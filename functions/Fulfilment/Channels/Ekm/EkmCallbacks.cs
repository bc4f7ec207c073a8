using Fulfilment.Connections;
using Fulfilment.Partners;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Channels.Ekm;

/// <summary>
/// EKM's requests to us on <c>channels/ekm/{oauth|webhook}</c>: the OAuth callback after a merchant's consent (our
/// signed state checked first, then the code exchanged and the connection stored) and the order webhooks (hints).
/// </summary>
public sealed class EkmCallbacks(
    OAuthStates states,
    EkmAuth auth,
    ConnectionInstaller installer,
    EkmStatusSettings statuses,
    EkmWebhooks webhooks,
    ILogger<EkmCallbacks> logger) : IChannelCallbacks
{
    public string Partner => EkmChannel.ChannelName;

    public async Task<PartnerHttpResponse> HandleAsync(PartnerHttpRequest request, CancellationToken cancellationToken)
    {
        switch (request.Action.ToLowerInvariant())
        {
            case "oauth" when IsMethod(request, "GET"):
                return await ConnectAsync(request, cancellationToken);
            case "webhook" when IsMethod(request, "POST"):
                return PartnerHttpResponse.Status(await webhooks.ReceiveAsync(request.Body, cancellationToken));
            case "oauth":
                return PartnerHttpResponse.Page(405, "Not allowed", "EKM calls this address with GET only.");
            case "webhook":
                return PartnerHttpResponse.Status(405);
            default:
                return PartnerHttpResponse.Page(404, "Not found", "EKM has no callback of that name.");
        }
    }

    private async Task<PartnerHttpResponse> ConnectAsync(PartnerHttpRequest request, CancellationToken cancellationToken)
    {
        // The state first: without one of ours, nothing in this request is acted on.
        var (values, failure) = await states.RedeemAsync(EkmChannel.ChannelName, request.QueryValue("state"), cancellationToken);
        if (values is null)
        {
            logger.LogWarning("Rejected an EKM OAuth callback: {Failure}.", failure);
            return PartnerHttpResponse.Page(400, "Not connected", $"This link cannot connect a store: {failure}. Ask for a new connect link.");
        }
        if (request.QueryValue("error") is { Length: > 0 } error)
        {
            logger.LogInformation("EKM consent ended without connecting: {Error}.", error);
            return PartnerHttpResponse.Page(400, "Not connected", error == "access_denied"
                ? "The store was not connected because access was not allowed. Ask for a new connect link to try again."
                : "EKM did not connect the store. Ask for a new connect link to try again.");
        }
        var code = request.QueryValue("code");
        if (code.Length is 0 or > 2000)
            return PartnerHttpResponse.Page(400, "Not connected", "The link from EKM has no code. Ask for a new connect link.");

        EkmGrant grant;
        try
        {
            grant = await auth.ExchangeCodeAsync(code, cancellationToken);
        }
        catch (EkmException ex)
        {
            logger.LogWarning("EKM code exchange failed: {Kind} {Status} {Code}.", ex.Kind, ex.StatusCode, ex.PartnerErrorCode);
            return ex.Kind switch
            {
                PartnerFailureKind.Authentication => PartnerHttpResponse.Page(400, "Not connected", "EKM did not accept this sign-in (it may have been used already). Ask for a new connect link."),
                PartnerFailureKind.Rejected when ex.PartnerErrorCode is "invalid_client" or "unauthorized_client" =>
                    PartnerHttpResponse.Page(502, "Not connected", "EKM did not accept this app's credentials. Operators: check Ekm__ClientId, Ekm__ClientSecret and Ekm__RedirectUrl."),
                PartnerFailureKind.Rejected => PartnerHttpResponse.Page(400, "Not connected", $"EKM refused to connect the store: {ex.Message}"),
                _ => PartnerHttpResponse.Page(503, "Not connected", "EKM could not be reached. Ask for a new connect link and try again in a minute."),
            };
        }
        if (!EkmWebhooks.IsUsername(grant.Username))
            return PartnerHttpResponse.Page(400, "Not connected", "EKM named a shop we cannot store. Contact us.");

        var connection = await installer.InstallAsync(EkmChannel.ChannelName, grant.Username, grant.Tokens.ToCredentials(), grant.Scope,
            values.GetValueOrDefault(ConnectState.TradingName), cancellationToken, configureNew: c => ConnectState.ApplyTo(c, values));
        logger.LogInformation("EKM shop {Username} connected; connection {ConnectionId} is {Status}.", grant.Username, connection.Id, connection.Status);
        await AfterConnectAsync(connection, cancellationToken);

        return PartnerHttpResponse.Page(200, "Connected", connection.Status switch
        {
            ConnectionStatus.Active => $"EKM shop {grant.Username} is connected. Paid orders will be sent to your carrier and tracking written back.",
            ConnectionStatus.PendingApproval => $"EKM shop {grant.Username} is connected and waiting for our team's approval; orders are imported once it is approved.",
            _ => $"EKM shop {grant.Username} is connected, but its fulfilment is paused by our team. Contact us to resume it.",
        });
    }

    /// <summary>
    /// Checks the statuses against the shop's (reset to the defaults with a note if one is gone) and subscribes the
    /// webhooks. Neither may undo the connect: a failure is logged, the poll checks the statuses again, and the poll
    /// alone still imports every order.
    /// </summary>
    private async Task AfterConnectAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await statuses.ResetIfMissingAsync(connection, cancellationToken);
        }
        catch (PartnerException ex)
        {
            logger.LogWarning("EKM connection {ConnectionId}: the statuses could not be checked on connect: {Message}", connection.Id, ex.Message);
        }
        try
        {
            await webhooks.EnsureSubscribedAsync(connection, cancellationToken);
        }
        catch (PartnerException ex)
        {
            logger.LogWarning("EKM connection {ConnectionId}: webhooks could not be subscribed; the poll alone imports orders: {Message}", connection.Id, ex.Message);
        }
    }

    private static bool IsMethod(PartnerHttpRequest request, string method) => string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase);
}
