using Fulfilment.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Timer: one poll message per active channel connection.</summary>
public sealed class PollChannels(PollChannelsStep step)
{
    [Function(nameof(PollChannels))]
    public Task RunAsync([TimerTrigger("%PollSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        step.RunAsync(cancellationToken);
}
