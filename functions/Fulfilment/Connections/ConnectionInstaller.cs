using Fulfilment.Storage;

namespace Fulfilment.Connections;

/// <summary>Creates, renews and disconnects channel connections after a channel's install or uninstall callback.</summary>
public sealed class ConnectionInstaller(IConnectionStore connections, TimeProvider time)
{
    public static string ConnectionIdFor(string channel, string storeId) => $"{channel.ToLowerInvariant()}-{storeId}";

    /// <summary>Stores the new credential; a reinstall keeps the connection's settings and cursor and reactivates it.</summary>
    public async Task<ChannelConnection> InstallAsync(string channel, string storeId, string credential, string? scopes, string? tradingName, CancellationToken cancellationToken)
    {
        var id = ConnectionIdFor(channel, storeId);
        var connection = await connections.GetAsync(id, cancellationToken)
            ?? new ChannelConnection { Id = id, Channel = channel, StoreId = storeId, CreatedAt = time.GetUtcNow() };
        connection.Credential = credential;
        connection.Scopes = scopes;
        connection.TradingName ??= tradingName;
        connection.Status = ConnectionStatus.Active;
        connection.StatusReason = null;
        await connections.SaveAsync(connection, cancellationToken);
        return connection;
    }

    /// <summary>Stops polling and forgets the credential. False if there was no such connection.</summary>
    public async Task<bool> DisconnectAsync(string channel, string storeId, string reason, CancellationToken cancellationToken)
    {
        var connection = await connections.GetAsync(ConnectionIdFor(channel, storeId), cancellationToken);
        if (connection is null)
            return false;
        connection.Status = ConnectionStatus.Disconnected;
        connection.StatusReason = reason;
        connection.Credential = null;
        await connections.SaveAsync(connection, cancellationToken);
        return true;
    }
}
