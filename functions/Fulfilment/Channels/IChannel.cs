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
    /// <summary>Our catalogue's products can be linked to the channel's own (<see cref="IChannelListings"/>).</summary>
    LinkListings = 2,
    /// <summary>Quantity on hand and price of linked products can be pushed to the channel (<see cref="IChannelListings"/>).</summary>
    SyncListings = 4,
    /// <summary>The channel imports a product feed we serve (<see cref="IChannelListingExport"/>).</summary>
    ExportListings = 8,
    /// <summary>New listings can be created on the channel through its API.</summary>
    PublishListings = 16,
}

/// <summary>Describes a channel connector.</summary>
/// <param name="Name">Stable name stored on connections, e.g. "BigCommerce".</param>
/// <param name="DefaultImportStatus">The channel status imported when a connection does not say (BigCommerce "9").</param>
/// <param name="SettingFields">The channel's own connection settings, beyond the common ones.</param>
public sealed record ChannelDescriptor(string Name, ChannelCapabilities Capabilities, string DefaultImportStatus, IReadOnlyList<Partners.PartnerField> SettingFields)
{
    /// <summary>
    /// True when the channel cannot list orders by modification time, so its positions are creation times: an order
    /// can become eligible (paid) long after it was created, so every poll not continuing another reads the whole
    /// window of the connection's maximum order age again (orders we hold cost one table read each).
    /// </summary>
    public bool ReadsWholeWindow { get; init; }

    /// <summary>What the channel cannot do, in words for operators (e.g. why listings cannot be published), by capability.</summary>
    public IReadOnlyDictionary<ChannelCapabilities, string> NotSupported { get; init; } = new Dictionary<ChannelCapabilities, string>();
}

/// <summary>
/// A place in a channel's eligible orders, which are read in ascending (modification time, order id) order: a read
/// resumes just after it, so an order that leaves or joins the result set while we page never shifts another out of
/// view (keyset paging, never page numbers over a set that can change).
/// </summary>
public sealed record OrderPosition(DateTimeOffset ModifiedAt, string OrderId) : IComparable<OrderPosition>
{
    /// <summary>Before every order modified at or after <paramref name="modifiedAt"/>.</summary>
    public static OrderPosition Before(DateTimeOffset modifiedAt) => new(modifiedAt, "");

    /// <summary>By time, then by id; ids of digits compare as numbers (so "99" comes before "100").</summary>
    public int CompareTo(OrderPosition? other)
    {
        if (other is null) return 1;
        var byTime = ModifiedAt.CompareTo(other.ModifiedAt);
        return byTime != 0 ? byTime : CompareIds(OrderId, other.OrderId);
    }

    public static int CompareIds(string a, string b)
    {
        if (a.Length > 0 && b.Length > 0 && a.All(char.IsAsciiDigit) && b.All(char.IsAsciiDigit))
        {
            var x = a.TrimStart('0');
            var y = b.TrimStart('0');
            return x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
        }
        return string.CompareOrdinal(a, b);
    }

    public static OrderPosition Max(OrderPosition a, OrderPosition b) => a.CompareTo(b) >= 0 ? a : b;
}

/// <summary>Which orders a poll asks for: eligible ones (status and age applied by the channel) after a position.</summary>
/// <param name="After">Orders strictly after this position.</param>
/// <param name="CreatedSince">Orders created at or after this time (the maximum order age).</param>
/// <param name="ImportStatus">The channel status to import, in the channel's own terms.</param>
public sealed record OrderQuery(OrderPosition After, DateTimeOffset CreatedSince, string ImportStatus);

/// <summary>
/// An eligible order as the channel's listing shows it: enough to tell whether we already hold this version before
/// spending calls on its lines and addresses. <see cref="ChannelState"/> is the channel's own listing record, which it
/// may reuse when asked for the whole order.
/// </summary>
public sealed record ChannelOrderSummary(string ChannelOrderId, DateTimeOffset ModifiedAt)
{
    public object? ChannelState { get; init; }

    public OrderPosition Position => new(ModifiedAt, ChannelOrderId);
}

/// <summary>One page of eligible orders in ascending position, every one after the query's position; <see cref="Next"/> is the last one's.</summary>
public sealed record ChannelOrderPage(IReadOnlyList<ChannelOrderSummary> Orders, OrderPosition Next);

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
    /// <summary>
    /// True when no earlier attempt to write this despatch back was ever started, so none can have reached the channel:
    /// a channel may then skip looking for a shipment recorded before (one call fewer). False (the default) whenever in doubt.
    /// </summary>
    public bool FirstAttempt { get; init; }
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

    /// <summary>
    /// Reads eligible orders after <see cref="OrderQuery.After"/>, page by page in ascending position, until there are no
    /// more. A page never repeats or skips an order because another order changed meanwhile.
    /// </summary>
    IAsyncEnumerable<ChannelOrderPage> ReadOrdersAsync(ChannelConnection connection, OrderQuery query, CancellationToken cancellationToken);

    /// <summary>The whole order (lines, addresses) of a summary the listing gave, mapped to our vocabulary.</summary>
    Task<ChannelOrder> GetOrderAsync(ChannelConnection connection, ChannelOrderSummary summary, CancellationToken cancellationToken);

    /// <summary>
    /// Records the despatch with its tracking number on the channel. Must be safe to call twice for the same notice:
    /// implementations look for a shipment with the same tracking number before creating one, unless the notice is
    /// the <see cref="DespatchNotice.FirstAttempt"/>.
    /// </summary>
    Task<DespatchResult> MarkDespatchedAsync(ChannelConnection connection, DespatchNotice notice, CancellationToken cancellationToken);

    /// <summary>
    /// What is wrong with a connection's import status and channel settings for this store (empty when valid). May ask
    /// the channel (e.g. for the store's own statuses); failures to ask are a <c>PartnerException</c>.
    /// </summary>
    Task<IReadOnlyList<string>> ValidateSettingsAsync(ChannelConnection connection, CancellationToken cancellationToken);
}
