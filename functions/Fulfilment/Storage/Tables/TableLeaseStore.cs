using Azure;
using Azure.Data.Tables;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Named leases as rows (PK "lease", RK the escaped name, Owner, ExpiresAt). Acquire inserts, or takes over an expired
/// row with its ETag; renew and release go through the ETag we last wrote, so a lease taken over by someone else is lost.
/// Expiry is judged by this instance's clock: keep durations well above the clock skew between instances.
/// </summary>
public sealed class TableLeaseStore(TableServiceClient service, TimeProvider time) : ILeaseStore
{
    private const string Partition = "lease";
    private readonly TableClient _table = service.GetTableClient(StorageNames.Tables.Leases);
    private readonly TimeProvider _time = time;

    public async Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "A lease needs a positive duration.");
        var owner = Guid.NewGuid().ToString("N");
        var expiresAt = _time.GetUtcNow() + duration;
        var entity = NewEntity(name, owner, expiresAt);
        try
        {
            var added = await _table.AddEntityAsync(entity, cancellationToken);
            return new TableLease(this, name, owner, duration, expiresAt, added.Headers.ETag!.Value);
        }
        catch (RequestFailedException ex) when (ex.IsConflict())
        {
            // Held or stale: take it over only if expired.
        }

        var current = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(name), cancellationToken: cancellationToken);
        if (!current.HasValue)
            return null; // Released between our insert and read; the caller tries again at its next turn.
        if (current.Value!.GetDateTimeOffset("ExpiresAt") is { } held && held > _time.GetUtcNow())
            return null;
        try
        {
            var replaced = await _table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            return new TableLease(this, name, owner, duration, expiresAt, replaced.Headers.ETag!.Value);
        }
        catch (RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsNotFound())
        {
            return null; // Someone else took it over first.
        }
    }

    private static TableEntity NewEntity(string name, string owner, DateTimeOffset expiresAt) => new(Partition, TableKeys.Escape(name))
    {
        ["Name"] = name,
        ["Owner"] = owner,
        ["ExpiresAt"] = expiresAt,
    };

    private sealed class TableLease(TableLeaseStore store, string name, string owner, TimeSpan duration, DateTimeOffset expiresAt, ETag etag) : ILease
    {
        private ETag _etag = etag;
        private bool _released;

        public string Name => name;
        public DateTimeOffset ExpiresAt { get; private set; } = expiresAt;

        public async Task<bool> RenewAsync(CancellationToken cancellationToken)
        {
            if (_released) return false;
            var expires = store._time.GetUtcNow() + duration;
            try
            {
                // Matching our ETag means nobody took it over, even if it had expired meanwhile.
                var response = await store._table.UpdateEntityAsync(NewEntity(name, owner, expires), _etag, TableUpdateMode.Replace, cancellationToken);
                _etag = response.Headers.ETag!.Value;
                ExpiresAt = expires;
                return true;
            }
            catch (RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsNotFound())
            {
                _released = true;
                return false;
            }
        }

        public async Task ReleaseAsync(CancellationToken cancellationToken)
        {
            if (_released) return;
            _released = true;
            try
            {
                await store._table.DeleteEntityAsync(Partition, TableKeys.Escape(name), _etag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsNotFound())
            {
                // Lost already: the row is someone else's now.
            }
        }

        public async ValueTask DisposeAsync() => await ReleaseAsync(CancellationToken.None);
    }
}
