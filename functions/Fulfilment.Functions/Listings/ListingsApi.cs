using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Functions.Http;
using Fulfilment.Listings;
using Fulfilment.Storage;

namespace Fulfilment.Functions.Listings;

/// <summary>What the listing management functions share: finding the connection and telling why it has no listings.</summary>
internal static class ListingsApi
{
    public const ChannelCapabilities AnyListingCapability =
        ChannelCapabilities.LinkListings | ChannelCapabilities.SyncListings | ChannelCapabilities.ExportListings;

    /// <summary>The connection, or the 404 / 409 that says why its listings cannot be managed.</summary>
    public static async Task<(ChannelConnection? Connection, IResult? Problem)> ConnectionAsync(
        IConnectionStore connections, ListingPartners partners, string id, ChannelCapabilities needed, CancellationToken cancellationToken)
    {
        var connection = await connections.GetAsync(id, cancellationToken);
        if (connection is null)
            return (null, ApiResults.NotFound($"There is no connection '{id}'."));
        var can = needed == AnyListingCapability
            ? new[] { ChannelCapabilities.LinkListings, ChannelCapabilities.SyncListings, ChannelCapabilities.ExportListings }.Any(c => partners.Can(connection.Channel, c))
            : partners.Can(connection.Channel, needed);
        return can
            ? (connection, null)
            : (null, ApiResults.Conflict($"Channel {connection.Channel} cannot do that with listings (connection '{id}'); GET /api/manage/channels says what each channel can do."));
    }
}
