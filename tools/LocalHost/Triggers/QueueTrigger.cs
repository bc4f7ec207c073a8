using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LocalHost.Bindings;
using LocalHost.Configuration;
using LocalHost.Invocation;

namespace LocalHost.Triggers;

/// <summary>
/// One queueTrigger function, processed like the Storage extension 5.x QueueListener: batches of batchSize, a new batch
/// once in-flight ≤ newBatchThreshold, exponential back-off when empty, delete on success, release with
/// visibilityTimeout on failure, and after maxDequeueCount attempts a copy to &lt;queue&gt;-poison. A message whose
/// invocation was lost (worker restarted after a function timeout) is left alone and reappears when its lease ends.
/// </summary>
internal sealed class QueueTrigger
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
    /// <summary>The Storage extension's processing visibility, renewed while the function runs.</summary>
    private static readonly TimeSpan ExtensionLease = TimeSpan.FromMinutes(10);

    private readonly FunctionDefinition _function;
    private readonly QueueSettings _settings;
    private readonly QueueConnections _connections;
    private readonly ExecuteInvocation _execute;
    private readonly Action<string> _log;
    private readonly TimeSpan _lease;
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
        _lease = LeaseFor(functionTimeout);
    }

    /// <summary>
    /// The extension leases for 10 minutes and renews. We lease for functionTimeout + 5 s (at most 10 minutes) and
    /// renew too, so a message lost with a timed-out worker comes back soon after the timeout, as tests need.
    /// </summary>
    internal static TimeSpan LeaseFor(TimeSpan functionTimeout) =>
        functionTimeout == Timeout.InfiniteTimeSpan || functionTimeout + TimeSpan.FromSeconds(5) > ExtensionLease
            ? ExtensionLease
            : functionTimeout + TimeSpan.FromSeconds(5);

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
                QueueMessage[] batch = (await Queue.ReceiveMessagesAsync(_settings.BatchSize, _lease, ct)).Value;
                if (batch.Length == 0)
                {
                    await Task.Delay(delay, ct);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.MaxPollingInterval.Ticks));
                    continue;
                }
                delay = MinPollingInterval;
                foreach (var message in batch)
                    Start(message, ct);
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

    private void Start(QueueMessage message, CancellationToken ct)
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

    private async Task ProcessAsync(QueueMessage message, CancellationToken ct)
    {
        await using var lease = new MessageLease(Queue, message, _lease, _log);
        try
        {
            if (!_connections.TryDecode(message.MessageText, out var text))
            {
                // The real host moves an undecodable message straight to the poison queue, without invoking.
                _log($"[{_function.Name}] message {message.MessageId} is not valid base64 (host.json messageEncoding is base64); moving it to the poison queue.");
                await lease.CompleteAsync(receipt => MoveToPoisonAsync(message, receipt, ct));
                return;
            }

            var outcome = await _execute(_function, QueueMessageBinding.Input(_function.Trigger, message, text), null, ct);
            switch (outcome.Status)
            {
                case InvocationStatus.Succeeded:
                    await lease.CompleteAsync(receipt => Queue.DeleteMessageAsync(message.MessageId, receipt, ct));
                    break;
                case InvocationStatus.Lost:
                    await lease.Abandon();
                    _log($"[{_function.Name}] message {message.MessageId} was in flight on a restarted worker; it reappears when its lease ends.");
                    break;
                case InvocationStatus.Failed when PoisonQueue is not null && message.DequeueCount >= _settings.MaxDequeueCount:
                    _log($"[{_function.Name}] message {message.MessageId} failed {message.DequeueCount} time(s); moving it to '{PoisonQueue.Name}'.");
                    await lease.CompleteAsync(receipt => MoveToPoisonAsync(message, receipt, ct));
                    break;
                default:
                    await lease.CompleteAsync(receipt => Queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: _settings.VisibilityTimeout, cancellationToken: ct));
                    break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: make the message visible again at once rather than after the processing lease.
            await lease.CompleteAsync(ReleaseQuietlyAsync);
        }
        catch (RequestFailedException ex)
        {
            _log($"[{_function.Name}] completing message {message.MessageId} failed: {ex.Status} {ex.ErrorCode}");
        }

        async Task ReleaseQuietlyAsync(string receipt)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await Queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cts.Token);
            }
            catch (Exception) { } // best effort: the lease expires anyway
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, CancellationToken ct)
    {
        if (PoisonQueue is null)
        {
            await Queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: _settings.VisibilityTimeout, cancellationToken: ct);
            return;
        }
        await PoisonQueue.CreateIfNotExistsAsync(cancellationToken: ct);
        // Same encoding on both queues, so the raw text is copied unchanged.
        await PoisonQueue.SendMessageAsync(message.MessageText, ct);
        await Queue.DeleteMessageAsync(message.MessageId, popReceipt, ct);
    }
}
