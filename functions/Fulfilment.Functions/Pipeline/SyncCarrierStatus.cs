using Fulfilment.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Timer: polls open carrier shipments for labels, tracking numbers and despatch.</summary>
public sealed class SyncCarrierStatus(SyncCarrierStatusStep step)
{
    [Function(nameof(SyncCarrierStatus))]
    public Task RunAsync([TimerTrigger("%CarrierSyncSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        step.RunAsync(cancellationToken);
}
