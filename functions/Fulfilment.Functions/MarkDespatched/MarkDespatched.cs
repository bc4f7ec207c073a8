using Fulfilment.Functions.Host;
using Fulfilment.Pipeline;
using Fulfilment.Storage;

namespace Fulfilment.Functions.MarkDespatched;

/// <summary>Queue: writes a despatched order's shipment and tracking number back to its channel.</summary>
public static class MarkDespatchedFunction
{
    public static readonly FunctionDefinition Definition = FunctionDefinition.Queue("MarkDespatched", StorageNames.Queues.DespatchWriteBack);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQueueFunction<WriteBackMessage>(Definition, async (services, message, ct) =>
            (object?)new { state = (await services.GetRequiredService<WriteBackStep>().RunAsync(message, ct))?.ToString() });
}
