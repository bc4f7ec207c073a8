using Fulfilment.Connections;

namespace Fulfilment.Channels.Ekm;

/// <summary>
/// Runs an API call for a connection with a current access token. A 401 (the token expired early, or our clock is
/// behind EKM's) gets one new token and one more try; a second 401, or a refused refresh, is the merchant's to fix
/// (the caller's Authentication handling marks the connection ReconnectRequired).
/// </summary>
public sealed class EkmSession(EkmTokens tokens)
{
    public async Task<T> CallAsync<T>(ChannelConnection connection, Func<EkmShop, Task<T>> call, CancellationToken cancellationToken)
    {
        var token = await tokens.AccessTokenAsync(connection, cancellationToken);
        try
        {
            return await call(new EkmShop(connection.StoreId, token));
        }
        catch (EkmException ex) when (ex.StatusCode == 401)
        {
            var renewed = await tokens.AccessTokenAsync(connection, cancellationToken, rejected: token);
            return await call(new EkmShop(connection.StoreId, renewed));
        }
    }
}
