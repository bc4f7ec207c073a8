using Grpc.Core;
using LocalHost.Rpc;

namespace LocalHost.Worker;

/// <summary>
/// The FunctionRpc service the worker connects to. A stream must start with StartStream naming a worker id we
/// started; the stream is then served by that worker's <see cref="WorkerChannel"/> until it ends.
/// </summary>
internal sealed class FunctionRpcService(WorkerRegistry registry, WorkerLog log) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken))
            return;
        var first = requestStream.Current;
        if (first.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            log.WriteLine($"A worker opened a stream with {first.ContentCase} instead of StartStream; closing it.");
            return;
        }
        if (!registry.TryClaim(first.StartStream.WorkerId, out var channel))
        {
            log.WriteLine($"A stream from unknown worker id '{first.StartStream.WorkerId}' was refused.");
            return;
        }
        await channel.RunAsync(requestStream, responseStream, context.CancellationToken);
    }
}
