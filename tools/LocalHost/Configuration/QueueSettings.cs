using System.Text.Json;

namespace LocalHost.Configuration;

/// <summary>extensions.queues in host.json, with the Storage extension 5.x defaults.</summary>
internal sealed record QueueSettings(
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int MaxDequeueCount,
    bool Base64)
{
    /// <summary>Real default newBatchThreshold is batchSize/2 × vCPUs; locally we count one vCPU.</summary>
    public static QueueSettings Default { get; } = new(16, 8, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5, true);

    public static QueueSettings Parse(JsonElement q)
    {
        var batchSize = JsonFile.GetInt(q, "batchSize") ?? 16;
        if (batchSize is < 1 or > 32)
            throw new InvalidOperationException($"host.json extensions.queues.batchSize must be 1..32, was {batchSize}.");
        var threshold = JsonFile.GetInt(q, "newBatchThreshold") ?? batchSize / 2;
        var maxPolling = JsonFile.GetString(q, "maxPollingInterval") is { } mp
            ? HostConfig.ParseTimeSpan(mp, "extensions.queues.maxPollingInterval")
            : TimeSpan.FromMinutes(1);
        if (maxPolling < TimeSpan.FromMilliseconds(100))
            maxPolling = TimeSpan.FromMilliseconds(100); // the real host's minimum
        var visibility = JsonFile.GetString(q, "visibilityTimeout") is { } vt
            ? HostConfig.ParseTimeSpan(vt, "extensions.queues.visibilityTimeout")
            : TimeSpan.Zero;
        var maxDequeue = JsonFile.GetInt(q, "maxDequeueCount") ?? 5;
        var encoding = JsonFile.GetString(q, "messageEncoding") ?? "base64";
        var base64 = encoding.ToLowerInvariant() switch
        {
            "base64" => true,
            "none" => false,
            _ => throw new InvalidOperationException($"host.json extensions.queues.messageEncoding must be base64 or none, was '{encoding}'."),
        };
        return new QueueSettings(batchSize, threshold, maxPolling, visibility, maxDequeue, base64);
    }
}
