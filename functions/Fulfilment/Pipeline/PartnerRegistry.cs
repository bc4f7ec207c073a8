using Fulfilment.Carriers;
using Fulfilment.Channels;

namespace Fulfilment.Pipeline;

/// <summary>Finds the channel or carrier connector a stored connection or account names.</summary>
public sealed class PartnerRegistry(IEnumerable<IChannel> channels, IEnumerable<ICarrier> carriers)
{
    private readonly Dictionary<string, IChannel> _channels = channels.ToDictionary(c => c.Descriptor.Name, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ICarrier> _carriers = carriers.ToDictionary(c => c.Descriptor.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> ChannelNames => _channels.Keys;
    public IReadOnlyCollection<string> CarrierNames => _carriers.Keys;

    public IChannel? FindChannel(string name) => _channels.GetValueOrDefault(name);
    public ICarrier? FindCarrier(string name) => _carriers.GetValueOrDefault(name);
}
