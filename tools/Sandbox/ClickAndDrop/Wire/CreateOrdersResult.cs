using System.Text.Json.Nodes;

namespace Sandbox.ClickAndDrop.Wire;

/// <summary>The spec's CreateOrdersResponse: partial success is normal, so both lists may hold orders.</summary>
public sealed record CreateOrdersResult(int SuccessCount, int ErrorsCount, IReadOnlyList<CreatedOrder> CreatedOrders, IReadOnlyList<FailedOrder> FailedOrders);

/// <summary>The spec's CreateOrderResponse (without labels: the simulator never puts them in the create response).</summary>
public sealed record CreatedOrder(long OrderIdentifier, string? OrderReference, DateTimeOffset CreatedOn, DateTimeOffset? OrderDate, IReadOnlyList<PackageInfo> Packages);

/// <summary>The spec's FailedOrderResponse: the item echoed back with its errors.</summary>
public sealed record FailedOrder(JsonObject Order, IReadOnlyList<CreateOrderError> Errors);

/// <summary>The spec's CreateOrderErrorResponse.</summary>
public sealed record CreateOrderError(int ErrorCode, string ErrorMessage, IReadOnlyList<OrderField> Fields);

/// <summary>The spec's OrderFieldResponse.</summary>
public sealed record OrderField(string FieldName, string? Value);
