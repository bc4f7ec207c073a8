using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Fulfilment.Tracking;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Queue: applies one shipment's tracking events (event-time order) to the shipment and its order.</summary>
public sealed class ApplyTracking(ApplyTrackingStep step)
{
    [Function(nameof(ApplyTracking))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.TrackingApply, Connection = StorageNames.ConnectionName)] TrackShipmentMessage message,
        CancellationToken cancellationToken) =>
        step.RunAsync(message, cancellationToken);
}
