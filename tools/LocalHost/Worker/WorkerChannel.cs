using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using LocalHost.Rpc;
using MessageKind = LocalHost.Rpc.StreamingMessage.ContentOneofCase;

namespace LocalHost.Worker;

/// <summary>
/// One worker's EventStream, seen from the host: requests go out through a single writer (gRPC streams take one
/// write at a time), responses are matched to what is waiting for them (by invocation id, or by message kind for the
/// start-up exchanges), and RpcLog messages are printed. When the stream ends, everything still waiting fails.
/// </summary>
internal sealed class WorkerChannel
{
    private readonly Channel<StreamingMessage> _outgoing = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new();
    private readonly ConcurrentDictionary<MessageKind, ConcurrentQueue<TaskCompletionSource<StreamingMessage>>> _replies = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WorkerLog _log;
    private Exception? _closeReason;

    public WorkerChannel(string workerId, WorkerLog log)
    {
        WorkerId = workerId;
        _log = log;
    }

    public string WorkerId { get; }

    /// <summary>Completes when the worker has opened its stream with StartStream.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Completes when the stream has ended (worker gone, or <see cref="Close"/>).</summary>
    public Task Closed => _closed.Task;

    public int InFlight => _invocations.Count;

    /// <summary>Serves the stream until the worker goes away or the channel is closed; called by the gRPC service.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _connected.TrySetResult();
        var writer = WriteLoopAsync(responses, stop.Token);
        Exception reason = new WorkerUnavailableException("The worker's stream ended unexpectedly (the worker closed it).");
        try
        {
            while (await requests.MoveNext(stop.Token))
                Dispatch(requests.Current);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException or InvalidOperationException)
        {
            reason = _closeReason ?? new WorkerUnavailableException($"The worker's stream ended unexpectedly (its process crashed or was killed): {ex.Message}");
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await writer;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException or Grpc.Core.RpcException)
            {
                // A failed write means the same as the broken read: the stream is gone.
            }
            Close(_closeReason ?? reason);
        }
    }

    private async Task WriteLoopAsync(IServerStreamWriter<StreamingMessage> responses, CancellationToken ct)
    {
        await foreach (var message in _outgoing.Reader.ReadAllAsync(ct))
            await responses.WriteAsync(message, ct);
    }

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case MessageKind.RpcLog:
                _log.Write(message.RpcLog);
                break;
            case MessageKind.InvocationResponse:
                if (_invocations.TryRemove(message.InvocationResponse.InvocationId, out var invocation))
                    invocation.TrySetResult(message.InvocationResponse);
                break;
            default:
                if (_replies.TryGetValue(message.ContentCase, out var waiting) && waiting.TryDequeue(out var reply))
                    reply.TrySetResult(message);
                break;
        }
    }

    /// <summary>Sends a request and waits for the next message of the given kind (start-up exchanges are one at a time per kind).</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, MessageKind replyKind, TimeSpan timeout, CancellationToken ct)
    {
        var reply = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies.GetOrAdd(replyKind, _ => new()).Enqueue(reply);
        Send(request);
        var finished = await Task.WhenAny(reply.Task, Closed).WaitAsync(timeout, ct);
        if (finished != reply.Task)
            throw _closeReason ?? new WorkerUnavailableException("The worker's stream closed.");
        return await reply.Task;
    }

    /// <summary>Sends an InvocationRequest; the task completes with the worker's response or fails when the stream ends.</summary>
    public Task<InvocationResponse> InvokeAsync(InvocationRequest request)
    {
        var response = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _invocations[request.InvocationId] = response;
        if (Closed.IsCompleted)
            response.TrySetException(_closeReason ?? new WorkerUnavailableException("The worker's stream is closed."));
        else
            Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request });
        return response.Task;
    }

    public void Send(StreamingMessage message)
    {
        if (string.IsNullOrEmpty(message.RequestId))
            message.RequestId = Guid.NewGuid().ToString();
        _outgoing.Writer.TryWrite(message);
    }

    /// <summary>Ends the channel: every invocation still waiting fails with <paramref name="reason"/>.</summary>
    public void Close(Exception reason)
    {
        Interlocked.CompareExchange(ref _closeReason, reason, null);
        _outgoing.Writer.TryComplete();
        foreach (var id in _invocations.Keys)
            if (_invocations.TryRemove(id, out var pending))
                pending.TrySetException(_closeReason);
        foreach (var queue in _replies.Values)
            while (queue.TryDequeue(out var reply))
                reply.TrySetException(_closeReason);
        _closed.TrySetResult();
    }
}
