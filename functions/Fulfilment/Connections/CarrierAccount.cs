namespace Fulfilment.Connections;

/// <summary>Whether a carrier account can be used.</summary>
public enum CarrierAccountStatus
{
    Active,
    /// <summary>The carrier rejected our credentials (401/403); shipments wait until an operator stores new ones.</summary>
    NeedsCredentials,
}

/// <summary>
/// An account with a carrier: its partner-defined settings and credentials (each carrier lists its fields). Credentials
/// are encrypted at rest and never logged or returned.
/// </summary>
public sealed class CarrierAccount
{
    public required string Id { get; init; }
    /// <summary>The carrier's name as its <c>CarrierDescriptor.Name</c> says, e.g. "ClickAndDrop".</summary>
    public required string Carrier { get; init; }
    public string? TradingName { get; set; }
    /// <summary>Plain settings by field name (e.g. Click &amp; Drop "onlineBusinessAccount").</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Secrets by field name (e.g. Click &amp; Drop "apiKey").</summary>
    public Dictionary<string, string> Credentials { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public CarrierAccountStatus Status { get; set; } = CarrierAccountStatus.Active;
    public string? StatusReason { get; set; }
    /// <summary>Why the last run creating this account's shipments stopped early (an unexpected answer, a bug); cleared by a clean run.</summary>
    public string? DrainProblem { get; set; }
    public DateTimeOffset? DrainProblemAt { get; set; }
    public string? ETag { get; set; }

    public string? Setting(string name) => Settings.GetValueOrDefault(name);

    public bool Flag(string name) => bool.TryParse(Setting(name), out var on) && on;

    public string? Credential(string name) => Credentials.GetValueOrDefault(name);
}
