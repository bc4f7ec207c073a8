namespace Fulfilment.Connections;

/// <summary>Who may connect without an operator's approval (section "Connections").</summary>
public sealed class ConnectionsOptions
{
    public const string Section = "Connections";

    /// <summary>
    /// Comma-separated "channel:storeId" entries (e.g. "BigCommerce:zq3demo01") whose install is approved at once. Every
    /// other newly installed store waits as PendingApproval, importing nothing, until an operator approves it.
    /// </summary>
    public string? AutoApprove { get; set; }

    public bool IsAutoApproved(string channel, string storeId) =>
        (AutoApprove ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(entry => string.Equals(entry, $"{channel}:{storeId}", StringComparison.OrdinalIgnoreCase));
}
