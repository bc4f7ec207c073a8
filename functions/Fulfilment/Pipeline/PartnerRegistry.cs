using Fulfilment.Carriers;
using Fulfilment.Channels;
using Fulfilment.Partners;

namespace Fulfilment.Pipeline;

/// <summary>
/// Finds the partner connector a stored connection, account or incoming request names. Partners register themselves
/// (one line each in Program.cs); nothing here names one.
/// </summary>
public sealed class PartnerRegistry(
    IEnumerable<IChannel> channels,
    IEnumerable<ICarrier> carriers,
    IEnumerable<IChannelCallbacks> channelCallbacks,
    IEnumerable<ICarrierWebhooks> carrierWebhooks,
    IEnumerable<IChannelConnect> channelConnects,
    IEnumerable<IChannelDisconnect> channelDisconnects,
    IEnumerable<IChannelOrderLookup> orderLookups,
    IEnumerable<IChannelProducts> channelProducts,
    IEnumerable<ICarrierTracking> carrierTracking,
    IEnumerable<ICarrierCancellation> carrierCancellations,
    IEnumerable<IChannelCancellations> channelCancellations)
{
    private readonly Dictionary<string, IChannelConnect> _connects = channelConnects.ToDictionary(c => c.Channel, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IChannelDisconnect> _disconnects = channelDisconnects.ToDictionary(c => c.Channel, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IChannelOrderLookup> _lookups = orderLookups.ToDictionary(c => c.Channel, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IChannelProducts> _products = channelProducts.ToDictionary(c => c.Channel, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ICarrierTracking> _tracking = carrierTracking.ToDictionary(c => c.Carrier, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ICarrierCancellation> _cancellations = carrierCancellations.ToDictionary(c => c.Carrier, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IChannelCancellations> _channelCancellations = channelCancellations.ToDictionary(c => c.Channel, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IChannel> _channels = channels.ToDictionary(c => c.Descriptor.Name, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ICarrier> _carriers = carriers.ToDictionary(c => c.Descriptor.Name, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IChannelCallbacks> _channelCallbacks = channelCallbacks.ToDictionary(c => c.Partner, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ICarrierWebhooks> _carrierWebhooks = carrierWebhooks.ToDictionary(c => c.Partner, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> ChannelNames => _channels.Keys;
    public IReadOnlyCollection<string> CarrierNames => _carriers.Keys;

    public IChannel? FindChannel(string name) => _channels.GetValueOrDefault(name);
    public ICarrier? FindCarrier(string name) => _carriers.GetValueOrDefault(name);
    public IChannelCallbacks? FindChannelCallbacks(string name) => _channelCallbacks.GetValueOrDefault(name);
    public ICarrierWebhooks? FindCarrierWebhooks(string name) => _carrierWebhooks.GetValueOrDefault(name);
    public IChannelConnect? FindConnect(string channel) => _connects.GetValueOrDefault(channel);
    public IChannelDisconnect? FindDisconnect(string channel) => _disconnects.GetValueOrDefault(channel);
    public IChannelOrderLookup? FindOrderLookup(string channel) => _lookups.GetValueOrDefault(channel);
    public IChannelProducts? FindProducts(string channel) => _products.GetValueOrDefault(channel);
    public ICarrierTracking? FindTracking(string carrier) => _tracking.GetValueOrDefault(carrier);
    public ICarrierCancellation? FindCancellation(string carrier) => _cancellations.GetValueOrDefault(carrier);
    public IChannelCancellations? FindChannelCancellations(string channel) => _channelCancellations.GetValueOrDefault(channel);

    /// <summary>The country each registered carrier ships from, where it says (the others ship from Great Britain).</summary>
    public IReadOnlyDictionary<string, string> CarrierOrigins() =>
        _carriers.Values.Where(c => c.Descriptor.OriginCountry is not null)
            .ToDictionary(c => c.Descriptor.Name, c => c.Descriptor.OriginCountry!, StringComparer.OrdinalIgnoreCase);
}
