using System.Text.Json.Nodes;

namespace Sandbox.ClickAndDrop.Wire;

/// <summary>The spec's CreateOrdersResponse: partial success is normal, so both lists may hold orders.</summary>
public sealed record CreateOrdersResult(int SuccessCount, int ErrorsCount, IReadOnlyList<CreatedOrder> CreatedOrders, IReadOnlyList<FailedOrder> FailedOrders);

/// <summary>
/// The spec's CreateOrderResponse. <paramref name="Label"/> (base64 PDF) and <paramref name="LabelErrors"/> only when the
/// item asked for <c>label.includeLabelInResponse</c>; postage is then applied at once, so printedOn and the tracking number are set.
/// </summary>
public sealed record CreatedOrder(long OrderIdentifier, string? OrderReference, DateTimeOffset CreatedOn, DateTimeOffset? OrderDate, IReadOnlyList<PackageInfo> Packages,
    DateTimeOffset? PrintedOn = null, string? TrackingNumber = null, string? Label = null, IReadOnlyList<LabelError>? LabelErrors = null);

/// <summary>The spec's CreateOrderLabelErrorResponse: why a label asked for is not in the create response.</summary>
public sealed record LabelError(string Message, string Code);

/// <summary>The spec's FailedOrderResponse: the item echoed back with its errors.</summary>
public sealed record FailedOrder(JsonObject Order, IReadOnlyList<CreateOrderError> Errors);

/// <summary>The spec's CreateOrderErrorResponse.</summary>
public sealed record CreateOrderError(int ErrorCode, string ErrorMessage, IReadOnlyList<OrderField> Fields);

/// <summary>The spec's OrderFieldResponse.</summary>
public sealed record OrderField(string FieldName, string? Value);
