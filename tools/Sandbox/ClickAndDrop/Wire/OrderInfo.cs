namespace Sandbox.ClickAndDrop.Wire;

/// <summary>The spec's GetOrderInfoResource: one order as <c>GET /orders/{orderIdentifiers}</c> and <c>GET /orders</c> return it.</summary>
public sealed record OrderInfo(
    long OrderIdentifier,
    string? OrderReference,
    DateTimeOffset CreatedOn,
    DateTimeOffset? OrderDate,
    DateTimeOffset? PrintedOn,
    DateTimeOffset? ManifestedOn,
    DateTimeOffset? ShippedOn,
    string? TrackingNumber,
    IReadOnlyList<PackageInfo> Packages)
{
    public static OrderInfo Of(SimulatedClickAndDropOrder o) => new(
        o.OrderIdentifier, o.OrderReference, o.CreatedOn, o.OrderDate, o.PrintedOn, o.ManifestedOn, o.ShippedOn, o.TrackingNumber,
        o.TrackingNumber is null ? [] : [new PackageInfo(1, o.TrackingNumber)]);
}

/// <summary>The spec's CreatePackagesResponse.</summary>
public sealed record PackageInfo(int PackageNumber, string? TrackingNumber);

/// <summary>The spec's GetOrdersResponse: one page of <c>GET /orders</c>.</summary>
public sealed record OrdersPage(IReadOnlyList<OrderInfo> Orders, string? ContinuationToken);
