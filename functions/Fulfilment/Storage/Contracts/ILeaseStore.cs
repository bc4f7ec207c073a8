namespace Fulfilment.Storage;

/// <summary>Named leases in Table Storage (ETag-guarded), so one instance at a time does a job such as draining an account.</summary>
public interface ILeaseStore
{
    /// <summary>Takes the lease if it is free or expired; null if someone else holds it.</summary>
    Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken);
}
