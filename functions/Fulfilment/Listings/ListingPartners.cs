using Fulfilment.Channels;
using Fulfilment.Pipeline;

namespace Fulfilment.Listings;

/// <summary>Finds the listing capabilities of a connection's channel: its connector says what it can do, and registers how.</summary>
public sealed class ListingPartners(PartnerRegistry partners, IEnumerable<IChannelListings> listings, IEnumerable<IChannelListingExport> exports)
{
    private readonly Dictionary<string, IChannelListings> _listings = listings.ToDictionary(l => l.Channel, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IChannelListingExport> _exports = exports.ToDictionary(e => e.Channel, StringComparer.OrdinalIgnoreCase);

    /// <summary>The channel's listings connector, if its descriptor declares <paramref name="capability"/>.</summary>
    public IChannelListings? Find(string channel, ChannelCapabilities capability) =>
        partners.FindChannel(channel) is { } connector && connector.Descriptor.Capabilities.HasFlag(capability) ? _listings.GetValueOrDefault(channel) : null;

    /// <summary>The channel's export format, if its descriptor declares <see cref="ChannelCapabilities.ExportListings"/>.</summary>
    public IChannelListingExport? FindExport(string channel) =>
        partners.FindChannel(channel) is { } connector && connector.Descriptor.Capabilities.HasFlag(ChannelCapabilities.ExportListings) ? _exports.GetValueOrDefault(channel) : null;

    /// <summary>Whether the channel declares <paramref name="capability"/> (and, for link and sync, registered how).</summary>
    public bool Can(string channel, ChannelCapabilities capability) => capability switch
    {
        ChannelCapabilities.ExportListings => FindExport(channel) is not null,
        ChannelCapabilities.LinkListings or ChannelCapabilities.SyncListings => Find(channel, capability) is not null,
        _ => partners.FindChannel(channel)?.Descriptor.Capabilities.HasFlag(capability) == true,
    };
}
