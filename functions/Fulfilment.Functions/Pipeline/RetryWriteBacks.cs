using Fulfilment.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Pipeline;

/// <summary>Timer: sends again the write-backs that came due (a lost message, or a retry after back-off).</summary>
public sealed class RetryWriteBacks(RetryWriteBacksStep step)
{
    [Function(nameof(RetryWriteBacks))]
    public Task RunAsync([TimerTrigger("%WriteBackRetrySchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        step.RunAsync(cancellationToken);
}
