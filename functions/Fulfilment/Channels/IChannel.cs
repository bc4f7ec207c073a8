using Fulfilment.Connections;
using Fulfilment.Orders;

namespace Fulfilment.Channels;

/// <summary>What a channel connector can do; the pipeline asks this instead of checking types.</summary>
[Flags]
public enum ChannelCapabilities
{
    None = 0,
    /// <summary>Despatches (tracking number and carrier) can be recorded on the channel.</summary>
    DespatchWriteBack = 1,
}

/// <summary>Describes a channel connector.</summary>
/// <param name="Name">Stable name stored on connections, e.g. "BigCommerce".</param>
/// <param name="DefaultImportStatus">The channel status imported when a connection does not say (BigCommerce "9").</param>
/// <param name="SettingFields">The channel's own connection settings, beyond the common ones.</param>
public sealed record ChannelDescriptor(string Name, ChannelCapabilities Capabilities, string DefaultImportStatus, IReadOnlyList<Partners.PartnerField> SettingFields);

/// <summary>Which orders a poll asks for.</summary>
/// <param name="ModifiedSince">Orders modified at or after this time (the cursor minus the overlap window).</param>
/// <param name="CreatedSince">Orders created at or after this time (the maximum order age).</param>
/// <param name="ImportStatus">The channel status to import, in the channel's own terms.</param>
public sealed record OrderWindow(DateTimeOffset ModifiedSince, DateTimeOffset CreatedSince, string ImportStatus);

/// <summary>One page of eligible orders, sorted by modification time ascending.</summary>
public sealed record ChannelOrderPage(int PageNumber, IReadOnlyList<ChannelOrder> Orders);

/// <summary>A despatch to write back to the channel.</summary>
public sealed record DespatchNotice
{
    public required string ChannelOrderId { get; init; }
    public string? ShippingAddressId { get; init; }
    public required IReadOnlyList<DespatchLine> Lines { get; init; }
    public required string TrackingNumber { get; init; }
    /// <summary>Our neutral carrier name, e.g. "RoyalMail" or "Ekart"; each channel maps it to its own provider code.</summary>
    public required string ShippingCarrier { get; init; }
    public string? ServiceName { get; init; }
    public required DateTimeOffset DespatchedAt { get; init; }
}

/// <summary>A line shipped, by the channel's line id.</summary>
public sealed record DespatchLine(string LineId, int Quantity);

/// <summary>The channel's id of the shipment it recorded (or found already recorded).</summary>
public sealed record DespatchResult(string ChannelShipmentId, bool AlreadyRecorded);

/// <summary>
/// The contract every channel implements. Implementations speak the channel's API and map to our types; they know
/// nothing about queues or tables. Failures are the channel's <c>PartnerException</c> subtype.
/// </summary>
public interface IChannel
{
    ChannelDescriptor Descriptor { get; }

    /// <summary>Reads eligible orders page by page (status, age and modification window applied by the channel).</summary>
    IAsyncEnumerable<ChannelOrderPage> ReadOrdersAsync(ChannelConnection connection, OrderWindow window, CancellationToken cancellationToken);

    /// <summary>
    /// Records the despatch with its tracking number on the channel. Must be safe to call twice for the same notice:
    /// implementations look for a shipment with the same tracking number before creating one.
    /// </summary>
    Task<DespatchResult> MarkDespatchedAsync(ChannelConnection connection, DespatchNotice notice, CancellationToken cancellationToken);

    /// <summary>
    /// What is wrong with a connection's import status and channel settings for this store (empty when valid). May ask
    /// the channel (e.g. for the store's own statuses); failures to ask are a <c>PartnerException</c>.
    /// </summary>
    Task<IReadOnlyList<string>> ValidateSettingsAsync(ChannelConnection connection, CancellationToken cancellationToken);
}
