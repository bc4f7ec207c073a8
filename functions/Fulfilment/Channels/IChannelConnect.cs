namespace Fulfilment.Channels;

/// <summary>What an operator asks for when connecting a store through the channel's OAuth consent.</summary>
/// <param name="State">Our signed, single-use state; the channel's callback hands it back to <c>OAuthStates</c>.</param>
public sealed record ConnectRequest(string TradingName, string IntegrationName, bool MarkDespatchedOnChannel, string State);

/// <summary>
/// A channel whose stores connect through OAuth consent started by an operator
/// (<c>POST /api/manage/channels/{channel}/connect</c>): it says where to send the merchant.
/// </summary>
public interface IChannelConnect
{
    /// <summary>The channel's name as its descriptor gives it.</summary>
    string Channel { get; }

    /// <summary>The channel's authorize URL for this request (client, scopes, redirect and our state).</summary>
    Uri AuthorizeUrl(ConnectRequest request);
}

/// <summary>A channel that can revoke a connection's tokens when an operator disconnects the store.</summary>
public interface IChannelDisconnect
{
    string Channel { get; }

    /// <summary>Revokes what the connection holds at the channel; a failure is logged by the caller, and the tokens are forgotten anyway.</summary>
    Task RevokeAsync(Connections.ChannelConnection connection, CancellationToken cancellationToken);
}
