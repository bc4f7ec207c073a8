using Fulfilment.Functions.Host;
using Fulfilment.Pipeline;
using Fulfilment.Storage;

namespace Fulfilment.Functions.PollConnection;

/// <summary>Queue: reads one connection's new orders and queues each for normalisation.</summary>
public static class PollConnectionFunction
{
    public static readonly FunctionDefinition Definition = FunctionDefinition.Queue("PollConnection", StorageNames.Queues.ChannelPoll);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQueueFunction<PollConnectionMessage>(Definition, async (services, message, ct) =>
            await services.GetRequiredService<PollConnectionStep>().RunAsync(message, ct));
}
