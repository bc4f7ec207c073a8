using Fulfilment.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Timer: drains each carrier account's outbox in batches (one instance per account at a time).</summary>
public sealed class CreateShipments(CreateShipmentsStep step)
{
    [Function(nameof(CreateShipments))]
    public Task RunAsync([TimerTrigger("%CreateShipmentsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        step.RunAsync(cancellationToken);
}
