namespace Fulfilment.Storage;

/// <summary>A held lease; dispose (or <see cref="ReleaseAsync"/>) to give it up early.</summary>
public interface ILease : IAsyncDisposable
{
    string Name { get; }
    DateTimeOffset ExpiresAt { get; }
    /// <summary>Extends the lease; false if it was lost (expired and taken by someone else).</summary>
    Task<bool> RenewAsync(CancellationToken cancellationToken);
    Task ReleaseAsync(CancellationToken cancellationToken);
}
