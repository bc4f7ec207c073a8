using Fulfilment.Functions.Host;
using Fulfilment.Pipeline;

namespace Fulfilment.Functions.CreateShipments;

/// <summary>Timer: drains each carrier account's outbox in batches (one instance per account at a time).</summary>
public static class CreateShipmentsFunction
{
    public static readonly FunctionDefinition Definition = FunctionDefinition.Timer("CreateShipments", "%CreateShipmentsSchedule%");

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapTimerFunction(Definition, async (services, ct) => await services.GetRequiredService<CreateShipmentsStep>().RunAsync(ct));
}
