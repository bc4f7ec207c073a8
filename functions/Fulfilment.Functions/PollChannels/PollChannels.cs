using Fulfilment.Functions.Host;
using Fulfilment.Pipeline;

namespace Fulfilment.Functions.PollChannels;

/// <summary>Timer: one poll message per active channel connection.</summary>
public static class PollChannelsFunction
{
    public static readonly FunctionDefinition Definition = FunctionDefinition.Timer("PollChannels", "%PollSchedule%");

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapTimerFunction(Definition, async (services, ct) => (object?)new { polled = await services.GetRequiredService<PollChannelsStep>().RunAsync(ct) });
}
