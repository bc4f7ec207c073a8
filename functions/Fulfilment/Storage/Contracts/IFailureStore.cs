using Fulfilment.Failures;

namespace Fulfilment.Storage;

/// <summary>The failures ops see and replay (GET /api/manage/failures): poison messages taken off their queues, orders needing attention.</summary>
public interface IFailureStore
{
    /// <summary>Records the failure, or refreshes its cause and last-seen time if it is recorded already (first-seen is kept).</summary>
    Task RecordAsync(Failure failure, CancellationToken cancellationToken);
    Task<Failure?> GetAsync(string id, CancellationToken cancellationToken);
    /// <summary>The oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<Failure>> ListAsync(int max, CancellationToken cancellationToken);
    /// <summary>Removes a resolved failure; false if it was gone already (a second replay).</summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken);
}
