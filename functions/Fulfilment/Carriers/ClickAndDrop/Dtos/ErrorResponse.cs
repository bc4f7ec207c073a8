using System.Text.Json;

namespace Fulfilment.Carriers.ClickAndDrop.Dtos;

/// <summary>
/// The spec's ErrorResponse for 400/500. <c>code</c> and <c>details</c> are kept as raw JSON because the spec does not
/// pin down their types and some endpoints answer with an array of errors instead.
/// </summary>
public sealed record ErrorResponse
{
    public JsonElement? Code { get; init; }
    public string? Message { get; init; }
    public JsonElement? Details { get; init; }
}
