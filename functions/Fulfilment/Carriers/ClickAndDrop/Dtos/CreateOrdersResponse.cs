namespace Fulfilment.Carriers.ClickAndDrop.Dtos;

/// <summary>Response of <c>POST /orders</c>: partial success is normal, so both lists may be non-empty.</summary>
public sealed record CreateOrdersResponse
{
    public int SuccessCount { get; init; }
    public int ErrorsCount { get; init; }
    public IReadOnlyList<CreateOrderResponse>? CreatedOrders { get; init; }
    public IReadOnlyList<FailedOrderResponse>? FailedOrders { get; init; }
}

/// <summary>An order Click &amp; Drop created.</summary>
public sealed record CreateOrderResponse
{
    public long OrderIdentifier { get; init; }
    public string? OrderReference { get; init; }
    public DateTimeOffset? CreatedOn { get; init; }
    public DateTimeOffset? PrintedOn { get; init; }
    public DateTimeOffset? ShippedOn { get; init; }
    public string? TrackingNumber { get; init; }
    public IReadOnlyList<PackageResponse>? Packages { get; init; }
    /// <summary>The postage label as base64 PDF, when the request asked for it and Click &amp; Drop could make it.</summary>
    public string? Label { get; init; }
    /// <summary>Why the label asked for is not in <see cref="Label"/>; the order exists all the same.</summary>
    public IReadOnlyList<LabelErrorResponse>? LabelErrors { get; init; }
}

/// <summary>One reason Click &amp; Drop gave no label with a created order.</summary>
public sealed record LabelErrorResponse
{
    public string? Message { get; init; }
    public string? Code { get; init; }
}

/// <summary>A parcel of a created or retrieved order.</summary>
public sealed record PackageResponse
{
    public int? PackageNumber { get; init; }
    public string? TrackingNumber { get; init; }
}

/// <summary>An order Click &amp; Drop refused, with the order echoed back.</summary>
public sealed record FailedOrderResponse
{
    public FailedOrderEcho? Order { get; init; }
    public IReadOnlyList<CreateOrderErrorResponse>? Errors { get; init; }
}

/// <summary>The part of the echoed request we read back: the reference that identifies it.</summary>
public sealed record FailedOrderEcho
{
    public string? OrderReference { get; init; }
}

/// <summary>One reason an order was refused.</summary>
public sealed record CreateOrderErrorResponse
{
    public int? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public IReadOnlyList<OrderFieldResponse>? Fields { get; init; }
}

/// <summary>A field an error refers to.</summary>
public sealed record OrderFieldResponse
{
    public string? FieldName { get; init; }
    public string? Value { get; init; }
}
