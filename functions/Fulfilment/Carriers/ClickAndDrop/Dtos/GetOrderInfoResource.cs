namespace Fulfilment.Carriers.ClickAndDrop.Dtos;

/// <summary>One order as <c>GET /orders/{orderIdentifiers}</c> returns it.</summary>
public sealed record GetOrderInfoResource
{
    public long OrderIdentifier { get; init; }
    public string? OrderReference { get; init; }
    public DateTimeOffset? CreatedOn { get; init; }
    public DateTimeOffset? OrderDate { get; init; }
    public DateTimeOffset? PrintedOn { get; init; }
    public DateTimeOffset? ManifestedOn { get; init; }
    public DateTimeOffset? ShippedOn { get; init; }
    public string? TrackingNumber { get; init; }
    public IReadOnlyList<PackageResponse>? Packages { get; init; }
}
