using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Pipeline;

/// <summary>
/// Timer step: sends again every write-back that has come due (its message was lost, or its last attempt failed and
/// the back-off has passed). Each is claimed first (due again only after the claim), so overlapping runs send it once.
/// </summary>
public sealed class RetryWriteBacksStep(IWriteBackOutbox outbox, DespatchWriteBacks writeBacks, TimeProvider time, ILogger<RetryWriteBacksStep> logger)
{
    /// <summary>At most this many per run; the rest come next run.</summary>
    public const int MaxPerRun = 500;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.ListDueAsync(time.GetUtcNow(), MaxPerRun, cancellationToken);
        foreach (var entry in due)
        {
            await outbox.RescheduleAsync(entry.Order, time.GetUtcNow() + DespatchWriteBacks.Claim, entry.Attempts, entry.LastError, cancellationToken);
            await writeBacks.SendAsync(entry.Order, entry.TraceParent, cancellationToken);
        }
        if (due.Count > 0)
            logger.LogInformation("Sent {Count} due write-backs again.", due.Count);
        return due.Count;
    }
}
