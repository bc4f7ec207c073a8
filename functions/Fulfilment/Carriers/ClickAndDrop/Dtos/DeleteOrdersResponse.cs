using System.Text.Json;

namespace Fulfilment.Carriers.ClickAndDrop.Dtos;

/// <summary>What <c>DELETE /orders/{orderIdentifiers}</c> answers: the orders deleted and those that could not be.</summary>
public sealed record DeleteOrdersResponse
{
    public IReadOnlyList<DeletedOrderResource>? DeletedOrders { get; init; }
    public IReadOnlyList<DeleteOrderError>? Errors { get; init; }
}

public sealed record DeletedOrderResource
{
    public long OrderIdentifier { get; init; }
    public string? OrderReference { get; init; }
    public string? OrderInfo { get; init; }
}

/// <summary>One order the delete refused; <c>code</c> is kept raw because the spec does not pin down its type.</summary>
public sealed record DeleteOrderError
{
    public JsonElement? OrderIdentifier { get; init; }
    public string? OrderReference { get; init; }
    public JsonElement? Code { get; init; }
    public string? Message { get; init; }
}
