using Fulfilment.Orders;
using Fulfilment.Storage;
using Microsoft.Extensions.Options;

namespace Fulfilment.Pipeline;

/// <summary>
/// Hands a despatched order to its channel: first an outbox entry (the state that drives retries for as long as an
/// outage lasts), then a queue message (the fast path). If the message is lost or fails, the entry comes due and is
/// sent again; the write-back step removes it once the channel has the despatch.
/// </summary>
public sealed class DespatchWriteBacks(IWriteBackOutbox outbox, IWorkQueue queue, IOptions<PipelineOptions> options, TimeProvider time)
{
    /// <summary>How long a sent message has to do its work before its entry is due again.</summary>
    public static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);
    private const int ParallelSends = 16;

    public async Task StartAsync(FulfilmentOrder order, CancellationToken cancellationToken)
    {
        await outbox.AddAsync(order.Key, time.GetUtcNow() + Claim, order.TraceParent, cancellationToken);
        await SendAsync(order.Key, order.TraceParent, cancellationToken);
    }

    /// <summary>
    /// <see cref="StartAsync"/> for many orders (a carrier sync's despatches): the outbox entries in a few requests, then
    /// the messages several at a time (queues take one message per request).
    /// </summary>
    public async Task StartManyAsync(IReadOnlyList<FulfilmentOrder> orders, CancellationToken cancellationToken)
    {
        if (orders.Count == 0)
            return;
        await outbox.AddManyAsync(orders.Select(o => (o.Key, o.TraceParent)).ToList(), time.GetUtcNow() + Claim, cancellationToken);
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
            async (order, ct) => await SendAsync(order.Key, order.TraceParent, ct));
    }

    public Task SendAsync(OrderKey key, string? traceParent, CancellationToken cancellationToken) =>
        queue.SendAsync(StorageNames.Queues.DespatchWriteBack, new WriteBackMessage(key.ConnectionId, key.ChannelOrderId, traceParent), cancellationToken);

    /// <summary>When to try again after <paramref name="attempts"/> failed attempts: doubling from the first delay, capped, ±20 % jitter.</summary>
    public DateTimeOffset NextAttemptAfter(int attempts)
    {
        var first = options.Value.WriteBackFirstDelaySeconds;
        var seconds = Math.Min(options.Value.WriteBackMaxDelaySeconds, first * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30)));
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return time.GetUtcNow().AddSeconds(seconds * jitter);
    }
}
