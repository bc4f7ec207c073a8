using Fulfilment.Storage;
using Microsoft.Extensions.Options;

namespace Fulfilment.Connections;

/// <summary>
/// Creates, renews and disconnects channel connections after a channel's install, connect or uninstall callback,
/// for every channel alike: a new store waits for approval; an operator's suspension survives a reinstall; an
/// uninstall older than the latest install changes nothing.
/// </summary>
public sealed class ConnectionInstaller(IConnectionStore connections, IOptionsMonitor<ConnectionsOptions> options, TimeProvider time)
{
    /// <summary>Installs issued within this much of each other are not told apart (clock skew between partner and us).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public static string ConnectionIdFor(string channel, string storeId) => $"{channel.ToLowerInvariant()}-{storeId}";

    /// <summary>
    /// Stores the new credentials. A reinstall keeps the connection's settings and cursor; it resumes polling if the
    /// store was approved before, and stays Suspended if an operator suspended it.
    /// </summary>
    /// <param name="configureNew">Settings for a store connected for the first time (a reconnect keeps the stored ones).</param>
    public async Task<ChannelConnection> InstallAsync(string channel, string storeId, IReadOnlyDictionary<string, string> credentials,
        string? scopes, string? tradingName, CancellationToken cancellationToken, Action<ChannelConnection>? configureNew = null)
    {
        var now = time.GetUtcNow();
        var id = ConnectionIdFor(channel, storeId);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await connections.GetAsync(id, cancellationToken);
            var connection = existing ?? new ChannelConnection { Id = id, Channel = channel, StoreId = storeId, CreatedAt = now, Status = ConnectionStatus.PendingApproval };
            if (existing is null)
                configureNew?.Invoke(connection);
            connection.Credentials = new Dictionary<string, string>(credentials, StringComparer.OrdinalIgnoreCase);
            connection.Scopes = scopes;
            connection.TradingName ??= tradingName;
            connection.InstalledAt = now;
            if (connection.ApprovedAt is null && options.CurrentValue.IsAutoApproved(channel, storeId))
                connection.ApprovedAt = now;
            if (connection.Status != ConnectionStatus.Suspended)
            {
                connection.Status = connection.ApprovedAt is null ? ConnectionStatus.PendingApproval : ConnectionStatus.Active;
                connection.StatusReason = connection.ApprovedAt is null ? "installed by the merchant; waiting for an operator's approval" : null;
            }
            try
            {
                await connections.SaveAsync(connection, cancellationToken);
                return connection;
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // A poll saved its cursor meanwhile: read again and apply the install on top.
            }
        }
    }

    /// <summary>
    /// An operator disconnects the store: polling stops and the credentials are forgotten (the channel's revoke is the
    /// caller's), while the settings and the order history stay, so connecting again restores it. False when unknown.
    /// </summary>
    public async Task<bool> DisconnectByOperatorAsync(string connectionId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = await connections.GetAsync(connectionId, cancellationToken);
            if (connection is null)
                return false;
            connection.Status = ConnectionStatus.Disconnected;
            connection.StatusReason = "disconnected by an operator";
            connection.Credentials.Clear();
            try
            {
                await connections.SaveAsync(connection, cancellationToken);
                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// Stops polling and forgets the credentials; the settings and the order history stay for a reconnect. Returns false,
    /// changing nothing, when there is no such connection or when it was (re)installed after <paramref name="issuedAt"/>.
    /// </summary>
    public async Task<bool> DisconnectAsync(string channel, string storeId, string reason, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var id = ConnectionIdFor(channel, storeId);
        for (var attempt = 1; ; attempt++)
        {
            var connection = await connections.GetAsync(id, cancellationToken);
            if (connection is null || (connection.InstalledAt is { } installed && installed > issuedAt + ClockSkew))
                return false;
            // An operator's suspension outlives the merchant's uninstall, so a later reinstall does not undo it.
            if (connection.Status != ConnectionStatus.Suspended)
            {
                connection.Status = ConnectionStatus.Disconnected;
                connection.StatusReason = reason;
            }
            connection.Credentials.Clear();
            try
            {
                await connections.SaveAsync(connection, cancellationToken);
                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
            }
        }
    }
}
