using Fulfilment.Functions.Host;
using Fulfilment.Pipeline;

namespace Fulfilment.Functions.SyncCarrierStatus;

/// <summary>Timer: polls open carrier shipments for labels, tracking numbers and despatch.</summary>
public static class SyncCarrierStatusFunction
{
    public static readonly FunctionDefinition Definition = FunctionDefinition.Timer("SyncCarrierStatus", "%CarrierSyncSchedule%");

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapTimerFunction(Definition, async (services, ct) => await services.GetRequiredService<SyncCarrierStatusStep>().RunAsync(ct));
}
