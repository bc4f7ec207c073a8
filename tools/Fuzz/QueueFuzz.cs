using Azure;
using Azure.Storage.Queues;
using CsCheck;
using Demo;

namespace Fuzz;

/// <summary>What became of one queue's cases: sent, refused by storage, and (after the run) rejected, parked by the host, poisoned.</summary>
public sealed class QueueCounts
{
    public int Cases, Sent, RefusedByStorage, NotBase64Sent;
    public int RecordedAsRejected, ParkedByHostNotBase64, Poisoned;
    public List<string> Samples { get; } = [];
}

/// <summary>Puts each queue's generated messages on it as a producer would, bypassing our senders, so whatever arrives is tried.</summary>
public sealed class QueueFuzz(DevStack stack, int parallelism)
{
    public Dictionary<string, QueueCounts> Counts { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync(IReadOnlyList<QueueTarget> targets, KnownValues known, int cases, ulong seed, uint firstStream, Action<string> progress, CancellationToken ct)
    {
        var generator = QueueCases.For(known);
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var counts = Counts[target.Queue] = new QueueCounts();
            var queue = new QueueClient(stack.Azurite.ConnectionString, target.Queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
            var pcg = new PCG(firstStream + (uint)i, seed);
            var batch = Enumerable.Range(0, cases).Select(_ => generator.Generate(pcg, null, out Size _)).ToList();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (@case, token) =>
            {
                Interlocked.Increment(ref counts.Cases);
                try
                {
                    await queue.SendMessageAsync(@case.RawText, token);
                    Interlocked.Increment(ref counts.Sent);
                    if (@case.NotBase64)
                        Interlocked.Increment(ref counts.NotBase64Sent);
                }
                catch (RequestFailedException ex) when (ex.Status is 400 or 413)
                {
                    Interlocked.Increment(ref counts.RefusedByStorage);
                }
            });
            progress($"  {target.Queue,-28} {counts.Sent} sent ({counts.RefusedByStorage} refused by storage)");
        }
    }

    /// <summary>After the host is idle: what the log says was rejected or parked, and what lies in each poison queue.</summary>
    public async Task CountOutcomesAsync(IReadOnlyList<QueueTarget> targets, RunLog log, CancellationToken ct)
    {
        foreach (var target in targets)
        {
            var counts = Counts[target.Queue];
            counts.RecordedAsRejected = log.Lines.Count(l => l.Contains($"an unreadable message of {target.Queue} was recorded as rejected", StringComparison.Ordinal));
            counts.ParkedByHostNotBase64 = log.Lines.Count(l => l.StartsWith($"[{target.Function}] message ", StringComparison.Ordinal) && l.Contains("is not valid base64", StringComparison.Ordinal));
            var poison = new QueueClient(stack.Azurite.ConnectionString, target.Queue + "-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
            if (await poison.ExistsAsync(ct))
            {
                counts.Poisoned = (await poison.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
                foreach (var message in (await poison.PeekMessagesAsync(32, ct)).Value)
                {
                    if (counts.Samples.Count >= 3)
                        break;
                    if (TryDecode(message.MessageText) is { } text)
                        counts.Samples.Add(HttpCase.Shorten(text, 300));
                }
            }
        }
    }

    /// <summary>Only messages the app saw are samples: base64 that decodes as UTF-8.</summary>
    private static string? TryDecode(string raw)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(Convert.FromBase64String(raw));
        }
        catch (Exception ex) when (ex is FormatException or System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
