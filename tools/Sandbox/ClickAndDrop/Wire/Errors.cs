namespace Sandbox.ClickAndDrop.Wire;

/// <summary>The spec's ErrorResponse: what whole-request failures of create, list and 500s carry.</summary>
public sealed record ErrorResponse(string? Code, string Message, string? Details = null);

/// <summary>
/// The spec's OrderErrorResponse: what the per-order endpoints (<c>GET /orders/{orderIdentifiers}</c>, its label) answer
/// their errors with, always as an array.
/// </summary>
public sealed record OrderErrorResponse(long? AccountOrderNumber, string? ChannelOrderReference, string Code, string Message);
