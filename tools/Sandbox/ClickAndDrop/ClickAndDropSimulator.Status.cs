using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Sandbox.ClickAndDrop.Wire;

namespace Sandbox.ClickAndDrop;

// PUT /orders/status: 'new' un-batches the order and voids its label; 'despatched' (and ChannelShipper's
// 'despatchedByOtherCourier') marks it shipped.
public sealed partial class ClickAndDropSimulator
{
    private const int MaxStatusItems = 100;

    private async Task<IResult> UpdateStatusAsync(HttpContext http)
    {
        JsonNode? body;
        try { body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted); }
        catch (JsonException) { return StatusErrors("InvalidJson", "The request body is not valid JSON."); }
        if (body is not JsonObject root || root["items"] is not JsonArray items || items.Count == 0)
            return StatusErrors("InvalidRequest", "The request must be an object with a non-empty 'items' array.");
        if (items.Count > MaxStatusItems)
            return StatusErrors("TooManyItems", $"At most {MaxStatusItems} items per request.");

        var account = Caller(http);
        var updated = new List<UpdatedOrderInfo>();
        var errors = new List<OrderUpdateError>();
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            foreach (var item in items.OfType<JsonObject>())
            {
                var id = item["orderIdentifier"] is JsonValue idValue && idValue.TryGetValue<long>(out var n) ? n : (long?)null;
                var reference = item["orderReference"] is JsonValue refValue && refValue.TryGetValue<string>(out var r) ? r : null;
                var status = item["status"] is JsonValue statusValue && statusValue.TryGetValue<string>(out var s) ? s : null;
                if ((id is null) == (reference is null))
                {
                    errors.Add(new(id, reference, status, "InvalidIdentifier", "Give exactly one of orderIdentifier and orderReference."));
                    continue;
                }
                if (status is not ("new" or "despatched" or "despatchedByOtherCourier"))
                {
                    errors.Add(new(id, reference, status, "InvalidStatus", "status must be new, despatched or despatchedByOtherCourier."));
                    continue;
                }
                var matches = FindLocked(account, [new ClickAndDropIdentifier(id, reference)]);
                if (matches.Count == 0)
                {
                    errors.Add(new(id, reference, status, ClickAndDropApiResults.OrderNotFoundCode, "Order not found."));
                    continue;
                }
                foreach (var order in matches)
                {
                    _orders[order.OrderIdentifier] = status == "new"
                        ? order with { PrintedOn = null, TrackingNumber = null, ShippedOn = null }
                        : order with { ShippedOn = order.ShippedOn ?? now };
                    updated.Add(new(order.OrderIdentifier, order.OrderReference, status));
                }
            }
        }
        return ClickAndDropApiResults.Ok(new UpdateOrderStatusResult(updated, errors));
    }

    /// <summary>400 as the spec has it for this endpoint: an array of OrderUpdateError.</summary>
    private static IResult StatusErrors(string code, string message) =>
        Results.Json(new[] { new OrderUpdateError(null, null, null, code, message) }, ClickAndDropApiResults.Json, statusCode: StatusCodes.Status400BadRequest);
}
