namespace Fulfilment.Connections;

/// <summary>Whether a connection is polled.</summary>
public enum ConnectionStatus
{
    Active,
    /// <summary>The channel rejected our credential (401); polling stops until the merchant reconnects.</summary>
    NeedsCredentials,
    /// <summary>The merchant uninstalled the app or an operator disconnected it.</summary>
    Disconnected,
}

/// <summary>
/// One merchant store on one channel: its settings, its poll cursor and its credential.
/// The credential is stored but never logged or returned by an API.
/// </summary>
public sealed class ChannelConnection
{
    public required string Id { get; init; }
    /// <summary>The channel's name as its <c>ChannelDescriptor.Name</c> says, e.g. "BigCommerce".</summary>
    public required string Channel { get; init; }
    /// <summary>The channel's store identifier (BigCommerce store hash).</summary>
    public required string StoreId { get; init; }
    public string? TradingName { get; set; }
    public ConnectionStatus Status { get; set; } = ConnectionStatus.Active;
    public string? StatusReason { get; set; }
    /// <summary>The channel status (id or name, channel-specific) whose orders are imported; null means the channel's default.</summary>
    public string? ImportStatus { get; set; }
    public int MaxOrderAgeDays { get; set; } = 7;
    public bool MarkDespatchedOnChannel { get; set; } = true;
    /// <summary>The latest modification time of an order safely recorded; the next poll starts here, minus the overlap.</summary>
    public DateTimeOffset? Cursor { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
    public string? Credential { get; set; }
    public string? Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? ETag { get; set; }
}
