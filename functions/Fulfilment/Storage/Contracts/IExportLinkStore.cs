namespace Fulfilment.Storage;

/// <summary>The secret of a connection's export link. <see cref="ToString"/> never shows it.</summary>
public sealed record ExportLink(string ConnectionId, string Secret, DateTimeOffset IssuedAt)
{
    public override string ToString() => $"ExportLink {{ ConnectionId = {ConnectionId}, IssuedAt = {IssuedAt:u} }}";
}

/// <summary>Export link secrets, one per connection, encrypted at rest; issuing a new one replaces (revokes) the old.</summary>
public interface IExportLinkStore
{
    Task<ExportLink?> GetAsync(string connectionId, CancellationToken cancellationToken);
    Task SaveAsync(ExportLink link, CancellationToken cancellationToken);
    /// <summary>False when the connection had no link.</summary>
    Task<bool> RemoveAsync(string connectionId, CancellationToken cancellationToken);
}
