using Fulfilment.Tracking;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Timer: asks carriers' track APIs about open shipments nothing has been heard of for a while.</summary>
public sealed class TrackSilentShipments(TrackSilentShipmentsStep step)
{
    [Function(nameof(TrackSilentShipments))]
    public Task RunAsync([TimerTrigger("%TrackingPollSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        step.RunAsync(cancellationToken);
}
