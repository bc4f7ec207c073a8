namespace Fulfilment.Connections;

/// <summary>Whether a carrier account can be used.</summary>
public enum CarrierAccountStatus
{
    Active,
    /// <summary>The carrier rejected our credential (401); shipments wait until an operator stores a new one.</summary>
    NeedsCredentials,
}

/// <summary>An account with a carrier, e.g. one Click &amp; Drop API key. The credential is never logged or returned.</summary>
public sealed class CarrierAccount
{
    public required string Id { get; init; }
    /// <summary>The carrier's name as its <c>CarrierDescriptor.Name</c> says, e.g. "ClickAndDrop".</summary>
    public required string Carrier { get; init; }
    public required string Credential { get; set; }
    /// <summary>Click &amp; Drop "Online Business Account": labels can be fetched through the API.</summary>
    public bool IsOnlineBusinessAccount { get; set; }
    public string? TradingName { get; set; }
    public CarrierAccountStatus Status { get; set; } = CarrierAccountStatus.Active;
    public string? StatusReason { get; set; }
    public string? ETag { get; set; }
}
