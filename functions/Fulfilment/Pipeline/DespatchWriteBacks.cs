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
    /// one message per connection and up to <see cref="WriteBackMessage.MaxOrders"/> orders, several at a time.
    /// </summary>
    public async Task StartManyAsync(IReadOnlyList<FulfilmentOrder> orders, CancellationToken cancellationToken)
    {
        if (orders.Count == 0)
            return;
        await outbox.AddManyAsync(orders.Select(o => (o.Key, o.TraceParent)).ToList(), time.GetUtcNow() + Claim, cancellationToken);
        var messages = orders
            .GroupBy(o => o.Key.ConnectionId, StringComparer.Ordinal)
            .SelectMany(connection => connection.Chunk(WriteBackMessage.MaxOrders).Select(chunk =>
                new WriteBackMessage(connection.Key, chunk[0].Key.ChannelOrderId, chunk[0].TraceParent)
                {
                    More = chunk.Length > 1 ? chunk.Skip(1).Select(o => new OrderReference(o.Key.ChannelOrderId, o.TraceParent)).ToList() : null,
                }))
            .ToList();
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
            async (message, ct) => await queue.SendAsync(StorageNames.Queues.DespatchWriteBack, message, ct));
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
