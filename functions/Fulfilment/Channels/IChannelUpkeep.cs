using Fulfilment.Connections;

namespace Fulfilment.Channels;

/// <summary>
/// A channel whose stored credentials lapse unless they are used (EKM's refresh tokens: 15 days unused). The poll timer
/// asks it about connections that hold credentials but are not polled (waiting for approval, suspended), so an
/// operator's pause or a slow approval does not cost the merchant a new consent.
/// </summary>
public interface IChannelUpkeep
{
    string Channel { get; }

    /// <summary>Uses the connection's credentials if they would otherwise lapse soon; a refusal is a <c>PartnerException</c>.</summary>
    Task KeepAliveAsync(ChannelConnection connection, CancellationToken cancellationToken);
}
