using Fulfilment.Pipeline;

namespace Fulfilment.Listings;

/// <summary>
/// Link a connection's listings to the channel's products (those not linked yet, or all with <see cref="Relink"/>),
/// starting after <see cref="AfterSku"/> when it continues another run.
/// </summary>
public sealed record LinkListingsMessage(string ConnectionId, string? TraceParent = null) : IPipelineMessage
{
    public bool Relink { get; init; }
    public string? AfterSku { get; init; }
    /// <summary>How many times this run was put off (lease held, channel busy or down); it gives up after ListingsOptions.MaxAttempts.</summary>
    public int Attempt { get; init; }
}

/// <summary>
/// Push a connection's linked listings whose quantity or price changed since last applied (every one with
/// <see cref="Full"/>), starting after <see cref="AfterSku"/> when it continues another run.
/// </summary>
public sealed record SyncListingsMessage(string ConnectionId, string? TraceParent = null) : IPipelineMessage
{
    public bool Full { get; init; }
    public string? AfterSku { get; init; }
    public int Attempt { get; init; }
}
