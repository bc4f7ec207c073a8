using Fulfilment.Failures;
using Fulfilment.Orders;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Pipeline;

/// <summary>What one sweep of the poison queues did.</summary>
public sealed record SweepResult(int Recorded, int OrdersNeedingAttention, int WriteBacksKept);

/// <summary>
/// Timer step: takes every message off the poison queues (where the host puts one that kept failing) before its
/// time-to-live can expire it unseen, and gives each a way forward. An order whose normalisation kept failing becomes
/// NeedsAttention with the cause (never left Imported); a write-back that kept failing goes back to the write-back
/// outbox, which retries it with back-off; anything else is recorded as a failure with its text, replayable once the
/// cause is fixed. A message is deleted only after what it stands for is recorded.
/// </summary>
public sealed class SweepPoisonStep(
    IPoisonQueues poison,
    IFailureStore failures,
    IOrderStore orders,
    IWriteBackOutbox outbox,
    DespatchWriteBacks writeBacks,
    TimeProvider time,
    ILogger<SweepPoisonStep> logger)
{
    /// <summary>Messages taken per queue per run; a larger backlog is taken over the next runs.</summary>
    public const int MaxPerQueue = 256;

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        int recorded = 0, attention = 0, kept = 0;
        foreach (var queue in StorageNames.Queues.All)
        {
            for (var taken = 0; taken < MaxPerQueue;)
            {
                var messages = await poison.ReceiveAsync(queue, 32, TimeSpan.FromMinutes(2), cancellationToken);
                if (messages.Count == 0)
                    break;
                taken += messages.Count;
                foreach (var message in messages)
                {
                    try
                    {
                        switch (await HandleAsync(message, cancellationToken))
                        {
                            case Outcome.OrderNeedsAttention: attention++; break;
                            case Outcome.WriteBackKept: kept++; break;
                            default: recorded++; break;
                        }
                        await poison.DeleteAsync(message, cancellationToken);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Left in the poison queue: it shows again after the visibility timeout and is retried then.
                        logger.LogError(ex, "Could not take poison message {MessageId} of {Queue}; it stays there.", message.MessageId, queue);
                    }
                }
            }
        }
        if (recorded + attention + kept > 0)
            logger.LogWarning("Poison queues swept: {Recorded} recorded as failures, {Attention} orders needing attention, {Kept} write-backs back in the outbox.",
                recorded, attention, kept);
        return new SweepResult(recorded, attention, kept);
    }

    private enum Outcome { Recorded, OrderNeedsAttention, WriteBackKept }

    private async Task<Outcome> HandleAsync(PoisonMessage message, CancellationToken cancellationToken)
    {
        var cause = $"failed {message.DequeueCount} times in {message.Queue}";
        if (message.Queue == StorageNames.Queues.OrderNormalise && Read<NormaliseOrderMessage>(message) is { } normalise)
        {
            var order = await orders.GetAsync(new OrderKey(normalise.ConnectionId, normalise.ChannelOrderId), cancellationToken);
            if (order?.State == OrderState.Imported)
            {
                order.MoveTo(OrderState.NeedsAttention, time.GetUtcNow(),
                    $"Normalising the order {cause} (see the logs of NormaliseOrder for the error). Fix the cause, then replay the order.");
                await orders.SaveAsync(order, cancellationToken);
                return Outcome.OrderNeedsAttention;
            }
        }
        if (message.Queue == StorageNames.Queues.DespatchWriteBack && Read<WriteBackMessage>(message) is { } writeBack)
        {
            var kept = false;
            foreach (var carried in writeBack.Orders())
            {
                var key = new OrderKey(writeBack.ConnectionId, carried.ChannelOrderId);
                var order = await orders.GetAsync(key, cancellationToken);
                if (order?.State != OrderState.Despatched)
                    continue;
                // Driven from state from here on: due again after back-off, for as long as it takes.
                var next = writeBacks.NextAttemptAfter(1);
                await outbox.AddAsync(key, next, order.TraceParent, cancellationToken);
                await outbox.RescheduleAsync(key, next, (await outbox.GetAsync(key, cancellationToken))?.Attempts ?? 1, cause, cancellationToken);
                kept = true;
            }
            if (kept)
                return Outcome.WriteBackKept;
        }

        await failures.RecordAsync(new Failure
        {
            Id = Failure.IdFor(FailureKind.PoisonMessage, $"{message.Queue}/{message.MessageId}"),
            Kind = FailureKind.PoisonMessage,
            Subject = message.Queue,
            Cause = $"The message {cause}.",
            FirstSeenAt = message.InsertedAt ?? time.GetUtcNow(),
            LastSeenAt = time.GetUtcNow(),
            Payload = message.Text,
        }, cancellationToken);
        return Outcome.Recorded;
    }

    private static T? Read<T>(PoisonMessage message) where T : class, IPipelineMessage =>
        PipelineMessageJson.TryRead(typeof(T), message.Text, out var read, out _) ? read as T : null;
}
