using System.Text.Json.Nodes;

namespace Sandbox.ClickAndDrop;

/// <summary>
/// An order as the simulator holds it, with the request item it was created from so tests can assert what we sent
/// (weights, contents, customs data). Returned as a snapshot: later warehouse changes do not alter it.
/// </summary>
public sealed record SimulatedClickAndDropOrder
{
    public required string AccountId { get; init; }
    public required long OrderIdentifier { get; init; }
    public string? OrderReference { get; init; }
    public required DateTimeOffset CreatedOn { get; init; }
    public DateTimeOffset? OrderDate { get; init; }
    /// <summary>Set when postage is applied (a label exists).</summary>
    public DateTimeOffset? PrintedOn { get; init; }
    public DateTimeOffset? ManifestedOn { get; init; }
    /// <summary>Set when the order is despatched.</summary>
    public DateTimeOffset? ShippedOn { get; init; }
    public string? TrackingNumber { get; init; }
    public bool Deleted { get; init; }
    /// <summary>The CreateOrderRequest item exactly as received (a deep copy).</summary>
    public required JsonObject Request { get; init; }

    /// <summary>Weight of the first package, if any.</summary>
    public int? WeightInGrams => Request["packages"]?.AsArray().FirstOrDefault()?["weightInGrams"]?.GetValue<int>();

    /// <summary>Contents of the first package (empty when none were sent).</summary>
    public IReadOnlyList<JsonObject> Contents =>
        Request["packages"]?.AsArray().FirstOrDefault()?["contents"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
}
