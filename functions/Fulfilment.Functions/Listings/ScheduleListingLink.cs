using Fulfilment.Listings;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Listings;

/// <summary>Timer: one listing link message per active connection whose channel links listings (products added on either side get linked).</summary>
public sealed class ScheduleListingLink(ListingFanOut fanOut)
{
    [Function(nameof(ScheduleListingLink))]
    public Task RunAsync([TimerTrigger("%ListingLinkSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        fanOut.RunAsync(ListingRunKind.Link, cancellationToken);
}
