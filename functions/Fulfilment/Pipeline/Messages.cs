namespace Fulfilment.Pipeline;

// Queue messages are small records carrying ids; the state they refer to lives in Table Storage.
// TraceParent carries the W3C trace context so one operation follows an order across queues.

/// <summary>A message on one of the pipeline's queues: the connection it concerns and the trace it belongs to.</summary>
public interface IPipelineMessage
{
    string ConnectionId { get; }
    string? TraceParent { get; }
}

/// <summary>A pipeline message about one order.</summary>
public interface IOrderMessage : IPipelineMessage
{
    string ChannelOrderId { get; }
}

/// <summary>
/// Poll one channel connection now: from its cursor less the overlap window, or, for a poll that continues another,
/// just after the position that one reached.
/// </summary>
public sealed record PollConnectionMessage(string ConnectionId, string? TraceParent = null) : IPipelineMessage
{
    public DateTimeOffset? ResumeAfterModifiedAt { get; init; }
    public string? ResumeAfterOrderId { get; init; }
}

/// <summary>Normalise one imported order.</summary>
public sealed record NormaliseOrderMessage(string ConnectionId, string ChannelOrderId, string? TraceParent = null) : IOrderMessage;

/// <summary>
/// Write one order's despatch back to its channel, and with it those in <see cref="More"/>: a carrier sync hands a
/// connection's despatches over a few to a message, so a backlog is not one queue message per order. Each order has
/// its own outbox entry, so one whose message is lost or fails comes due and is sent again on its own.
/// </summary>
public sealed record WriteBackMessage(string ConnectionId, string ChannelOrderId, string? TraceParent = null) : IOrderMessage
{
    /// <summary>The most orders one message carries, itself included.</summary>
    public const int MaxOrders = 16;

    /// <summary>Other orders of the same connection (null or empty: this order only).</summary>
    public IReadOnlyList<OrderReference>? More { get; init; }

    /// <summary>Every order the message carries, this one first.</summary>
    public IEnumerable<OrderReference> Orders() => [new OrderReference(ChannelOrderId, TraceParent), .. More ?? []];
}

/// <summary>One more order of a message's connection, with the trace it belongs to.</summary>
public sealed record OrderReference(string ChannelOrderId, string? TraceParent = null);

/// <summary>Import one order a channel told us about (an order webhook): a hint, so the order is read again from the channel.</summary>
public sealed record ImportOrderMessage(string ConnectionId, string ChannelOrderId, string? TraceParent = null) : IOrderMessage
{
    /// <summary>
    /// The hint says the order was just created (a signed webhook): it is not looked for in storage first, since it is
    /// almost never there yet; if it is, recording it finds it and changes nothing.
    /// </summary>
    public bool Created { get; init; }
}

/// <summary>Apply one shipment's stored tracking events to the shipment and its order.</summary>
public sealed record TrackShipmentMessage(string ConnectionId, string ChannelOrderId, string CarrierAccountId, string CarrierShipmentId,
    string? TraceParent = null) : IOrderMessage;

/// <summary>Where a cancellation came from: the channel (seen on a poll or a webhook) or an operator.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CancellationSource>))]
public enum CancellationSource
{
    Channel,
    Operator,
}

/// <summary>Cancel one order and its carrier shipment (a cancellation seen on the channel, or one waiting for its carrier order).</summary>
public sealed record CancelOrderMessage(string ConnectionId, string ChannelOrderId, string Reason, CancellationSource Source, string? TraceParent = null)
    : IOrderMessage
{
    /// <summary>How many times it has waited for the carrier order to be created; the wait grows with it.</summary>
    public int Attempt { get; init; }
}
