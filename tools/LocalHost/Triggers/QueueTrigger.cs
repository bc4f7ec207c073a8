using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LocalHost.Bindings;
using LocalHost.Configuration;

namespace LocalHost.Triggers;

/// <summary>
/// One queueTrigger function, processed like the Storage extension 5.x QueueListener: batches of batchSize, a new batch
/// once in-flight ≤ newBatchThreshold, exponential back-off when empty, delete on success, release with
/// visibilityTimeout on failure, and after maxDequeueCount attempts a copy to &lt;queue&gt;-poison.
/// </summary>
internal sealed class QueueTrigger
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly FunctionDefinition _function;
    private readonly QueueSettings _settings;
    private readonly QueueConnections _connections;
    private readonly ExecuteInvocation _execute;
    private readonly Action<string> _log;
    private readonly TimeSpan _processingVisibility;
    private readonly ConcurrentDictionary<string, Task> _running = new();
    private int _inFlight;

    public QueueTrigger(
        FunctionDefinition function, AppSettings settings, QueueSettings queueSettings, QueueConnections connections,
        TimeSpan functionTimeout, ExecuteInvocation execute, Action<string> log)
    {
        _function = function;
        _settings = queueSettings;
        _connections = connections;
        _execute = execute;
        _log = log;
        var trigger = function.Trigger;
        QueueName = settings.Resolve(
            trigger.Get("queueName") ?? throw new InvalidOperationException($"{function.Name}: queueTrigger has no queueName."),
            $"{function.Name} queueName").ToLowerInvariant();
        Queue = connections.GetQueue(trigger.Get("connection"), QueueName);
        // The real host does not create a poison queue for a poison queue, nor when the name would be too long.
        var poisonName = QueueName + "-poison";
        PoisonQueue = QueueName.EndsWith("-poison", StringComparison.Ordinal) || poisonName.Length > 63
            ? null
            : connections.GetQueue(trigger.Get("connection"), poisonName);
        // Messages stay invisible while processed; the real host uses 10 minutes and renews, we cover functionTimeout.
        _processingVisibility = functionTimeout == Timeout.InfiniteTimeSpan
            ? TimeSpan.FromHours(1)
            : TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(10).Ticks, (functionTimeout + TimeSpan.FromMinutes(1)).Ticks));
    }

    public string QueueName { get; }
    public QueueClient Queue { get; }
    public QueueClient? PoisonQueue { get; }
    public int InFlight => Volatile.Read(ref _inFlight);

    public Task EnsureQueueAsync(CancellationToken ct) => Queue.CreateIfNotExistsAsync(cancellationToken: ct);

    public async Task RunAsync(CancellationToken ct)
    {
        var delay = MinPollingInterval;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (InFlight > _settings.NewBatchThreshold)
                {
                    await Task.Delay(20, ct);
                    continue;
                }
                QueueMessage[] batch = (await Queue.ReceiveMessagesAsync(_settings.BatchSize, _processingVisibility, ct)).Value;
                if (batch.Length == 0)
                {
                    await Task.Delay(delay, ct);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.MaxPollingInterval.Ticks));
                    continue;
                }
                delay = MinPollingInterval;
                foreach (var message in batch)
                {
                    Interlocked.Increment(ref _inFlight);
                    var key = message.MessageId + "/" + message.PopReceipt;
                    _running[key] = Task.Run(async () =>
                    {
                        try
                        {
                            await ProcessAsync(message, ct);
                        }
                        finally
                        {
                            Interlocked.Decrement(ref _inFlight);
                            _running.TryRemove(key, out _);
                        }
                    }, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _log($"[{_function.Name}] polling queue '{QueueName}' failed: {ex.Message}");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
        await Task.WhenAll(_running.Values);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken ct)
    {
        try
        {
            if (!_connections.TryDecode(message.MessageText, out var text))
            {
                // The real host moves an undecodable message straight to the poison queue, without invoking.
                _log($"[{_function.Name}] message {message.MessageId} is not valid base64 (host.json messageEncoding is base64); moving it to the poison queue.");
                await MoveToPoisonAsync(message, ct);
                return;
            }

            var data = new JsonObject
            {
                // The real host hands a string input through JsonConvert.SerializeObject, so the handler receives
                // the message text JSON-encoded inside a JSON string.
                [_function.Trigger.Name] = JsonSerializer.Serialize(text, Handler.HandlerInvoker.Json),
            };
            var result = await _execute(_function, _function.Trigger.Type, data, Metadata(message), ct);

            if (result.Succeeded)
                await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            else if (PoisonQueue is not null && message.DequeueCount >= _settings.MaxDequeueCount)
            {
                _log($"[{_function.Name}] message {message.MessageId} failed {message.DequeueCount} time(s); moving it to '{PoisonQueue.Name}'.");
                await MoveToPoisonAsync(message, ct);
            }
            else
                await Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: _settings.VisibilityTimeout, cancellationToken: ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: make the message visible again at once rather than after the processing lease.
            await ReleaseQuietlyAsync(message);
        }
        catch (RequestFailedException ex)
        {
            _log($"[{_function.Name}] completing message {message.MessageId} failed: {ex.Status} {ex.ErrorCode}");
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken ct)
    {
        if (PoisonQueue is null)
        {
            await Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: _settings.VisibilityTimeout, cancellationToken: ct);
            return;
        }
        await PoisonQueue.CreateIfNotExistsAsync(cancellationToken: ct);
        // Same encoding on both queues, so the raw text is copied unchanged.
        await PoisonQueue.SendMessageAsync(message.MessageText, ct);
        await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
    }

    private async Task ReleaseQuietlyAsync(QueueMessage message)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cts.Token);
        }
        catch (Exception) { } // best effort: the lease expires anyway
    }

    /// <summary>
    /// The real host's queue metadata: each value becomes a JObject or else JsonConvert.SerializeObject of it, so the
    /// count is the JSON string "1" and ids are JSON-encoded strings ("\"abc\""); dates stay dates.
    /// </summary>
    private JsonObject Metadata(QueueMessage message) => new()
    {
        ["DequeueCount"] = message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ExpirationTime"] = message.ExpiresOn is { } exp ? MetadataValues.Date(exp) : null,
        ["Id"] = JsonSerializer.Serialize(message.MessageId),
        ["InsertionTime"] = message.InsertedOn is { } ins ? MetadataValues.Date(ins) : null,
        ["NextVisibleTime"] = message.NextVisibleOn is { } next ? MetadataValues.Date(next) : null,
        ["PopReceipt"] = JsonSerializer.Serialize(message.PopReceipt),
        ["sys"] = MetadataValues.Sys(_function.Name),
    };
}
