namespace Fulfilment.Carriers.ClickAndDrop.Dtos;

/// <summary>
/// The spec's OrderErrorResponse: how the per-order endpoints (<c>GET /orders/{orderIdentifiers}</c> and its label)
/// report errors, always as an array.
/// </summary>
public sealed record OrderErrorResponse
{
    public long? AccountOrderNumber { get; init; }
    public string? ChannelOrderReference { get; init; }
    public string? Code { get; init; }
    public string? Message { get; init; }
}
