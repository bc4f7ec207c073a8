using Fulfilment.Listings;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Listings;

/// <summary>Timer: one listing sync message per active connection whose channel syncs listings.</summary>
public sealed class ScheduleListingSync(ListingFanOut fanOut)
{
    [Function(nameof(ScheduleListingSync))]
    public Task RunAsync([TimerTrigger("%ListingSyncSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        fanOut.RunAsync(ListingRunKind.Sync, cancellationToken);
}
