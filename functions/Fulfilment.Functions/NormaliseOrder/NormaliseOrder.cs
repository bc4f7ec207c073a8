using Fulfilment.Functions.Host;
using Fulfilment.Pipeline;
using Fulfilment.Storage;

namespace Fulfilment.Functions.NormaliseOrder;

/// <summary>Queue: channel order → shipment plan, Skipped or NeedsAttention.</summary>
public static class NormaliseOrderFunction
{
    public static readonly FunctionDefinition Definition = FunctionDefinition.Queue("NormaliseOrder", StorageNames.Queues.OrderNormalise);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQueueFunction<NormaliseOrderMessage>(Definition, async (services, message, ct) =>
            (object?)new { state = (await services.GetRequiredService<NormaliseOrderStep>().RunAsync(message, ct))?.ToString() });
}
