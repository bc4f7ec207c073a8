using System.Text.Json;
using Sandbox.BigCommerce.State;

namespace Sandbox.BigCommerce.Api;

/// <summary>
/// The body of POST /v2/orders/{id}/shipments, validated as BigCommerce documents it: an address of the order, items
/// of that address not shipped yet, tracking number ≤ 50, a known shipping_provider, tracking link ≤ 500.
/// </summary>
internal sealed record V2ShipmentRequest(
    long OrderAddressId,
    IReadOnlyList<BigCommerceSimShipmentItem> Items,
    string TrackingNumber,
    string ShippingProvider,
    string TrackingCarrier,
    string? ShippingMethod,
    string? Comments)
{
    private static readonly string[] AllowedProviders = ["", "auspost", "canadapost", "endicia", "usps", "fedex", "royalmail", "ups", "upsready", "shipperhq"];

    /// <summary>The request, or the 400 BigCommerce would answer (UNCONFIRMED wording; the v2 error shape is BigCommerce's).</summary>
    public static (V2ShipmentRequest? Request, V2Result? Error) Read(JsonElement? body, SimOrder order)
    {
        if (body is not { ValueKind: JsonValueKind.Object } b)
            return Fail("The request body is not valid JSON.");
        if (!b.TryGetProperty("order_address_id", out var addressEl) || !addressEl.TryGetInt64(out var addressId))
            return Fail("The required field 'order_address_id' was not supplied.");
        if (order.Addresses.All(a => a.Id != addressId))
            return Fail("The field 'order_address_id' is invalid.");
        if (!b.TryGetProperty("items", out var itemsEl) || itemsEl.ValueKind != JsonValueKind.Array || itemsEl.GetArrayLength() == 0)
            return Fail("The required field 'items' was not supplied.");
        var items = new List<BigCommerceSimShipmentItem>();
        foreach (var item in itemsEl.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("order_product_id", out var pid) || !pid.TryGetInt64(out var productId)
                || !item.TryGetProperty("quantity", out var qty) || !qty.TryGetInt32(out var quantity) || quantity <= 0)
                return Fail("Each item needs an 'order_product_id' and a positive 'quantity'.");
            var line = order.Lines.FirstOrDefault(l => l.Id == productId && l.AddressId == addressId);
            if (line is null)
                return Fail("The field 'order_product_id' is invalid.");
            if (quantity > line.Quantity - line.QuantityShipped - items.Where(i => i.OrderProductId == productId).Sum(i => i.Quantity))
                return Fail("The quantity specified is greater than the quantity of the product that is available to ship.");
            items.Add(new BigCommerceSimShipmentItem(productId, quantity));
        }
        var tracking = Text(b, "tracking_number") ?? "";
        if (tracking.Length > 50)
            return Fail("The field 'tracking_number' must be at most 50 characters.");
        var provider = Text(b, "shipping_provider") ?? "";
        if (!AllowedProviders.Contains(provider) && !provider.StartsWith("carrier_", StringComparison.Ordinal))
            return Fail("The field 'shipping_provider' is invalid.");
        if (Text(b, "tracking_link") is { Length: > 500 })
            return Fail("The field 'tracking_link' must be at most 500 characters.");
        return (new V2ShipmentRequest(addressId, items, tracking, provider, Text(b, "tracking_carrier") ?? "", Text(b, "shipping_method"), Text(b, "comments")), null);
    }

    private static (V2ShipmentRequest?, V2Result?) Fail(string message) => (null, V2Result.Error(400, message));

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
