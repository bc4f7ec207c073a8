using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace LocalHost.Triggers;

/// <summary>
/// Keeps a received message invisible while its invocation runs: the lease is renewed at half its length, and every
/// later operation uses the newest pop receipt. <see cref="Abandon"/> stops renewing without touching the message,
/// so it reappears when the current lease runs out (what happens on Azure to a message whose host went away).
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly TimeSpan _length;
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly Task _renewing;
    private readonly Action<string> _log;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan length, Action<string> log)
    {
        _queue = queue;
        _length = length;
        _log = log;
        MessageId = message.MessageId;
        PopReceipt = message.PopReceipt;
        _renewing = RenewAsync(_stopRenewing.Token);
    }

    public string MessageId { get; }
    public string PopReceipt { get; private set; }

    private async Task RenewAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_length / 2, ct);
                // Not cancellable once sent: a renewal cut short could change the receipt without our knowing it.
                var receipt = await _queue.UpdateMessageAsync(MessageId, PopReceipt, visibilityTimeout: _length, cancellationToken: CancellationToken.None);
                PopReceipt = receipt.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) { }
        catch (RequestFailedException ex)
        {
            _log($"Renewing the lease of message {MessageId} on '{_queue.Name}' failed: {ex.Status} {ex.ErrorCode}");
        }
    }

    /// <summary>Stops renewing, then runs <paramref name="action"/> with the current pop receipt.</summary>
    public async Task CompleteAsync(Func<string, Task> action)
    {
        await StopRenewingAsync();
        await action(PopReceipt);
    }

    /// <summary>Stops renewing and leaves the message as it is; it becomes visible when the lease expires.</summary>
    public Task Abandon() => StopRenewingAsync();

    private async Task StopRenewingAsync()
    {
        await _stopRenewing.CancelAsync();
        await _renewing;
    }

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync();
        _stopRenewing.Dispose();
    }
}
