namespace Fulfilment.Pipeline;

// Queue messages are small, versioned records carrying ids; the state they refer to lives in Table Storage.
// TraceParent carries the W3C trace context so one operation follows an order across queues.

/// <summary>Poll one channel connection now.</summary>
public sealed record PollConnectionMessage(string ConnectionId, string? TraceParent = null, int Version = 1);

/// <summary>Normalise one imported order.</summary>
public sealed record NormaliseOrderMessage(string ConnectionId, string ChannelOrderId, string? TraceParent = null, int Version = 1);

/// <summary>Write one order's despatch back to its channel.</summary>
public sealed record WriteBackMessage(string ConnectionId, string ChannelOrderId, string? TraceParent = null, int Version = 1);
