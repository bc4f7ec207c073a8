namespace Fulfilment.Connections;

/// <summary>Whether a connection is polled.</summary>
public enum ConnectionStatus
{
    Active,
    /// <summary>Newly installed by a merchant: nothing is imported until an operator approves it (or its store is allow-listed).</summary>
    PendingApproval,
    /// <summary>The channel rejected our credentials (revoked, expired, used elsewhere); polling stops until the merchant reconnects.</summary>
    ReconnectRequired,
    /// <summary>An operator paused it; a reinstall by the merchant does not resume it.</summary>
    Suspended,
    /// <summary>The merchant uninstalled the app or disconnected the store; the credentials are forgotten.</summary>
    Disconnected,
}

/// <summary>
/// One merchant store on one channel: its settings, its poll cursor and its credentials.
/// The credentials are encrypted at rest and never logged or returned by an API.
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
    /// <summary>When an operator (or the allow-list) approved the store; a reinstall of an approved store needs no new approval.</summary>
    public DateTimeOffset? ApprovedAt { get; set; }
    /// <summary>When the merchant last installed or connected the store; an uninstall issued before it is stale.</summary>
    public DateTimeOffset? InstalledAt { get; set; }
    /// <summary>The channel status (id or name, channel-specific) whose orders are imported; null means the channel's default.</summary>
    public string? ImportStatus { get; set; }
    public int MaxOrderAgeDays { get; set; } = 7;
    public bool MarkDespatchedOnChannel { get; set; } = true;
    /// <summary>The channel's own settings by field name (e.g. EKM "despatchedStatus").</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Secrets by field name (e.g. BigCommerce "accessToken").</summary>
    public Dictionary<string, string> Credentials { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The latest modification time of an order safely recorded; the next poll starts here, minus the overlap.</summary>
    public DateTimeOffset? Cursor { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
    /// <summary>Why the channel refused the last poll (a setting it does not accept), until a poll succeeds; Health shows it.</summary>
    public string? PollProblem { get; set; }
    public string? Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? ETag { get; set; }

    public string? Credential(string name) => Credentials.GetValueOrDefault(name);

    public string? Setting(string name) => Settings.GetValueOrDefault(name);

    public bool HasCredentials => Credentials.Count > 0;
}
