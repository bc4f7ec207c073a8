using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Connections;

/// <summary>
/// What happens, everywhere alike, when a partner refuses our stored credentials: the connection stops polling until the
/// merchant reconnects, or the carrier account waits for an operator to store new credentials. Health shows both.
/// </summary>
public sealed class CredentialFailures(IConnectionStore connections, ICarrierAccountStore accounts, ILogger<CredentialFailures> logger)
{
    /// <summary>
    /// Marks the connection ReconnectRequired with the partner's reason; a concurrent change is read again and kept. The
    /// caller's copy may be seconds old (settings are kept a while): if the stored credentials are no longer the ones
    /// refused (the merchant reconnected, a token was refreshed), nothing is marked and the stored connection is returned,
    /// so the caller's next attempt uses them. The caller's copy is never changed (it may be shared).
    /// </summary>
    public async Task<ChannelConnection> ConnectionRefusedAsync(ChannelConnection refused, PartnerException failure, CancellationToken cancellationToken)
    {
        var reason = $"{failure.Partner} refused the stored credentials{(failure.StatusCode is { } status ? $" ({status})" : "")}: {failure.Message} The merchant must reconnect the store.";
        var connection = await connections.GetAsync(refused.Id, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (connection is null)
                return refused; // deleted meanwhile: nothing to mark
            if (!SameCredentials(connection, refused))
            {
                logger.LogInformation("Connection {ConnectionId}: {Partner} refused credentials that have been replaced since; the new ones are tried next.",
                    connection.Id, failure.Partner);
                return connection;
            }
            if (connection.Status is ConnectionStatus.Active or ConnectionStatus.PendingApproval)
            {
                connection.Status = ConnectionStatus.ReconnectRequired;
                connection.StatusReason = reason;
            }
            try
            {
                await connections.SaveAsync(connection, cancellationToken);
                break;
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                connection = await connections.GetAsync(connection.Id, cancellationToken);
            }
        }
        logger.LogError("Connection {ConnectionId} needs reconnecting: {Reason}", connection.Id, reason);
        return connection;
    }

    private static bool SameCredentials(ChannelConnection stored, ChannelConnection refused) =>
        stored.Credentials.Count == refused.Credentials.Count
        && stored.Credentials.All(c => refused.Credentials.TryGetValue(c.Key, out var value) && string.Equals(value, c.Value, StringComparison.Ordinal));

    /// <summary>Marks the carrier account NeedsCredentials with the carrier's reason.</summary>
    public async Task AccountRefusedAsync(CarrierAccount account, PartnerException failure, CancellationToken cancellationToken)
    {
        var reason = $"{failure.Partner} refused the stored credentials{(failure.StatusCode is { } status ? $" ({status})" : "")}: {failure.Message} Store new ones.";
        for (var attempt = 1; ; attempt++)
        {
            account.Status = CarrierAccountStatus.NeedsCredentials;
            account.StatusReason = reason;
            try
            {
                await accounts.SaveAsync(account, cancellationToken);
                break;
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                account = await accounts.GetAsync(account.Id, cancellationToken) ?? account;
            }
        }
        logger.LogError("Carrier account {AccountId} needs new credentials: {Reason}", account.Id, reason);
    }
}
