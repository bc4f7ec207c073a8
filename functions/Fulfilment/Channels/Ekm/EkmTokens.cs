using Fulfilment.Connections;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Channels.Ekm;

/// <summary>
/// Hands out a connection's access token, refreshing it at most once per connection at a time across every instance.
/// EKM's refresh tokens are single-use, so two instances refreshing with the same one would leave one holding a dead
/// token (and EKM may then revoke the chain). One lease per connection decides who refreshes; the others wait for its
/// result. The new refresh token is written (ETag-guarded, re-applied on a conflicting change) before its access token
/// is used, and that write is not cancelled with the caller: the old refresh token is already spent.
/// </summary>
public sealed class EkmTokens(EkmAuth auth, IConnectionStore connections, ILeaseStore leases, IOptions<EkmOptions> options, TimeProvider time, ILogger<EkmTokens> logger)
{
    /// <summary>Longer than one token call (30 s timeout); a crashed holder's lease lapses by then.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(45);
    /// <summary>How long a caller waits for another instance's refresh before giving up (transient: the queue retries).</summary>
    public static readonly TimeSpan WaitForOtherRefresh = TimeSpan.FromSeconds(50);
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(250);

    public static string LeaseName(string connectionId) => $"ekm-refresh-{connectionId}";

    /// <summary>
    /// A refresh token lapses 15 days after its chain was last used. A connection not polled (waiting for approval,
    /// suspended) is refreshed once this long has passed since its last refresh: half the lapse, so a missed timer or two
    /// still leaves days to spare.
    /// </summary>
    public static readonly TimeSpan KeepAliveAfter = TimeSpan.FromDays(7);

    /// <summary>Refreshes the connection's tokens if the last refresh is <see cref="KeepAliveAfter"/> old; true if it did.</summary>
    public async Task<bool> KeepAliveAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        var tokens = EkmTokenSet.From(connection) ?? throw EkmException.MissingCredential();
        // The access token lives an hour from its refresh, so its expiry tells when that was.
        var lastRefresh = tokens.ExpiresAt - AccessTokenLifetime;
        if (time.GetUtcNow() - lastRefresh < KeepAliveAfter)
            return false;
        await AccessTokenAsync(connection, cancellationToken, rejected: tokens.AccessToken);
        return true;
    }

    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// A usable access token for the connection: the stored one while it is fresh, else a refreshed one. With
    /// <paramref name="rejected"/> (EKM answered 401 to it) a new one is got unless another caller replaced it already.
    /// Throws <see cref="EkmException"/> (Authentication) when EKM refuses the refresh token: the merchant must reconnect.
    /// </summary>
    public async Task<string> AccessTokenAsync(ChannelConnection connection, CancellationToken cancellationToken, string? rejected = null)
    {
        var tokens = EkmTokenSet.From(connection) ?? throw EkmException.MissingCredential();
        if (rejected is null ? tokens.IsFreshAt(time.GetUtcNow(), options.Value.RefreshBeforeExpiry) : tokens.AccessToken != rejected)
            return tokens.AccessToken;
        return await RefreshAsync(connection, tokens.AccessToken, cancellationToken);
    }

    private async Task<string> RefreshAsync(ChannelConnection connection, string stale, CancellationToken cancellationToken)
    {
        var giveUpAt = time.GetUtcNow() + WaitForOtherRefresh;
        while (true)
        {
            await using (var lease = await leases.TryAcquireAsync(LeaseName(connection.Id), LeaseDuration, cancellationToken))
            {
                if (lease is not null)
                    return await RefreshHoldingLeaseAsync(connection, stale, cancellationToken);
            }

            // Another instance is refreshing: its new token is what we want, once it is stored.
            await Task.Delay(WaitStep, time, cancellationToken);
            var current = await connections.GetAsync(connection.Id, cancellationToken) ?? throw EkmException.MissingCredential();
            if (EkmTokenSet.From(current) is { } theirs && theirs.AccessToken != stale)
                return Adopt(connection, current, theirs, null);
            if (current.Status == ConnectionStatus.ReconnectRequired)
                throw EkmException.MissingCredential();
            if (time.GetUtcNow() > giveUpAt)
                throw EkmException.FromTransportFailure(new TimeoutException("Another instance's token refresh did not finish in time."));
        }
    }

    private async Task<string> RefreshHoldingLeaseAsync(ChannelConnection connection, string stale, CancellationToken cancellationToken)
    {
        // Read after taking the lease: the previous holder may have refreshed just now.
        var current = await connections.GetAsync(connection.Id, cancellationToken) ?? throw EkmException.MissingCredential();
        var held = EkmTokenSet.From(current) ?? throw EkmException.MissingCredential();
        if (held.AccessToken != stale && held.IsFreshAt(time.GetUtcNow(), options.Value.RefreshBeforeExpiry))
            return Adopt(connection, current, held, null);

        var readETag = current.ETag;
        EkmTokenSet next;
        try
        {
            next = await auth.RefreshAsync(held.RefreshToken, cancellationToken);
        }
        catch (EkmException ex) when (ex.Kind == Partners.PartnerFailureKind.Authentication)
        {
            // A reconnect may have stored a new grant while we refreshed with the old one (which the new consent revoked).
            var now = await connections.GetAsync(connection.Id, cancellationToken);
            if (now is not null && EkmTokenSet.From(now) is { } reconnected && reconnected.RefreshToken != held.RefreshToken)
                return Adopt(connection, now, reconnected, null);
            throw;
        }
        // From here the old refresh token is spent: losing the new one would cost the merchant a new consent.
        current = await SaveAsync(current, next);
        logger.LogInformation("Refreshed the EKM access token of {ConnectionId}; it expires at {ExpiresAt:u}.", connection.Id, next.ExpiresAt);
        return Adopt(connection, current, next, readETag);
    }

    private async Task<ChannelConnection> SaveAsync(ChannelConnection current, EkmTokenSet next)
    {
        for (var attempt = 1; ; attempt++)
        {
            next.ApplyTo(current);
            try
            {
                await connections.SaveAsync(current, CancellationToken.None);
                return current;
            }
            catch (ConcurrencyConflictException) when (attempt < 8)
            {
                // A poll moved its cursor, or an operator changed a setting: keep theirs, put our tokens on top.
                current = await connections.GetAsync(current.Id, CancellationToken.None)
                    ?? throw new InvalidOperationException($"Connection {current.Id} was deleted while its EKM token was refreshed.");
                if (current.Status == ConnectionStatus.Disconnected && !current.HasCredentials)
                    throw EkmException.MissingCredential(); // disconnected meanwhile: its tokens stay forgotten
            }
        }
    }

    /// <summary>
    /// Gives the caller's copy the stored tokens. When nobody changed the row between the caller's read and our save,
    /// the caller's copy takes the new ETag too, so its own save (a poll's cursor) does not conflict.
    /// </summary>
    private static string Adopt(ChannelConnection caller, ChannelConnection stored, EkmTokenSet tokens, string? readETag)
    {
        tokens.ApplyTo(caller);
        if (readETag is not null && caller.ETag == readETag)
            caller.ETag = stored.ETag;
        return tokens.AccessToken;
    }
}
