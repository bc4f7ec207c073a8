namespace Sandbox.ClickAndDrop.Wire;

/// <summary>The spec's DeleteOrdersResource.</summary>
public sealed record DeleteOrdersResult(IReadOnlyList<DeletedOrderInfo> DeletedOrders, IReadOnlyList<OrderErrorInfo> Errors);

/// <summary>The spec's DeletedOrderInfo.</summary>
public sealed record DeletedOrderInfo(long OrderIdentifier, string? OrderReference, string OrderInfo);

/// <summary>The spec's OrderErrorInfo (errors of <c>DELETE /orders/{orderIdentifiers}</c>).</summary>
public sealed record OrderErrorInfo(long? OrderIdentifier, string? OrderReference, string Code, string Message);

/// <summary>The spec's UpdateOrderStatusResponse.</summary>
public sealed record UpdateOrderStatusResult(IReadOnlyList<UpdatedOrderInfo> UpdatedOrders, IReadOnlyList<OrderUpdateError> Errors);

/// <summary>The spec's UpdatedOrderInfo.</summary>
public sealed record UpdatedOrderInfo(long OrderIdentifier, string? OrderReference, string Status);

/// <summary>The spec's OrderUpdateError.</summary>
public sealed record OrderUpdateError(long? OrderIdentifier, string? OrderReference, string? Status, string Code, string Message);

/// <summary>The spec's GetVersionResource.</summary>
public sealed record VersionInfo(string Commit, string Build, string Release, DateTimeOffset ReleaseDate);
