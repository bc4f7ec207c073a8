using Fulfilment.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Timer: takes messages off the poison queues before they expire unseen and gives each a way forward.</summary>
public sealed class SweepPoison(SweepPoisonStep step)
{
    [Function(nameof(SweepPoison))]
    public Task RunAsync([TimerTrigger("%PoisonSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        step.RunAsync(cancellationToken);
}
