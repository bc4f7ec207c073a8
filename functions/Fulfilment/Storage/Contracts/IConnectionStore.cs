using Fulfilment.Connections;

namespace Fulfilment.Storage;

/// <summary>Channel connections (one row per store), with their cursor and credential.</summary>
public interface IConnectionStore
{
    Task<ChannelConnection?> GetAsync(string connectionId, CancellationToken cancellationToken);
    Task<IReadOnlyList<ChannelConnection>> ListAsync(CancellationToken cancellationToken);
    /// <summary>Inserts (ETag null: replaces any existing row) or replaces if the ETag matches; sets the new ETag.</summary>
    Task SaveAsync(ChannelConnection connection, CancellationToken cancellationToken);
}
