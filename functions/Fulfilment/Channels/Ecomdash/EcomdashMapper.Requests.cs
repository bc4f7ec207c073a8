using System.Globalization;
using System.Text.Json.Nodes;
using Fulfilment.Channels.Ecomdash.Dtos;

namespace Fulfilment.Channels.Ecomdash;

// Request bodies. Those the portal does not document are UNCONFIRMED and built here only, in one place, from the
// options that make them configurable (EcomdashOptions), so a correction touches nothing else.
public static partial class EcomdashMapper
{
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss";

    /// <summary>
    /// getOrders' filter, UNCONFIRMED (shaped like a public PHP client's): {Status, DateType, FromDate, ToDate?,
    /// Pagination{PageNumber, ResultsPerPage}}. Dates as Ecomdash writes them: UTC without an offset, whole seconds.
    /// </summary>
    public static JsonObject OrdersFilter(string status, string dateType, DateTimeOffset from, DateTimeOffset? to, int pageNumber, int pageSize)
    {
        var filter = new JsonObject
        {
            ["Status"] = status,
            ["DateType"] = dateType,
            ["FromDate"] = Date(from),
        };
        if (to is { } until)
            filter["ToDate"] = Date(until);
        filter["Pagination"] = new JsonObject { ["PageNumber"] = pageNumber, ["ResultsPerPage"] = pageSize };
        return filter;
    }

    /// <summary>
    /// Shipments/Create, UNCONFIRMED: {OrderId, ShippedDate, LineItems[{OrderLineItemId, Quantity}]}. The lines are
    /// always named, so a partial shipment ships only what we despatched (a public client sends {OrderId} alone,
    /// which would ship everything that remains).
    /// </summary>
    public static JsonObject CreateShipment(string orderId, DateTimeOffset shippedDate, IReadOnlyList<DespatchLine> lines) => new()
    {
        ["OrderId"] = EcomdashIds.Parse(orderId, "order id"),
        ["ShippedDate"] = Date(shippedDate),
        ["LineItems"] = new JsonArray(lines.Select(l => (JsonNode)new JsonObject
        {
            ["OrderLineItemId"] = EcomdashIds.Parse(l.LineId, "line item id"),
            ["Quantity"] = l.Quantity,
        }).ToArray()),
    };

    /// <summary>
    /// submitTrackingInfo (portal): an array of one submission for the shipment, naming its items, so only they are
    /// marked shipped; the carrier id goes on the submission and on each item, as the portal's sample does.
    /// </summary>
    public static JsonArray TrackingSubmission(EdShipment shipment, decimal? carrierId, string trackingNumber, DateTimeOffset shippedDate)
    {
        var submission = new JsonObject { ["ShipmentId"] = shipment.Id };
        if (carrierId is { } carrier)
            submission["CarrierId"] = carrier;
        submission["TrackingNumber"] = trackingNumber;
        submission["ShippedDate"] = Date(shippedDate);
        submission["LineItems"] = new JsonArray((shipment.Items ?? []).Select(i =>
        {
            var item = new JsonObject { ["LineItemId"] = i.Id };
            if (carrierId is { } c)
                item["CarrierId"] = c;
            item["TrackingNumber"] = trackingNumber;
            return (JsonNode)item;
        }).ToArray());
        return [submission];
    }

    /// <summary>updateQuantityOnHand (portal): [{Sku, Quantity, WarehouseId}]; without a WarehouseId Ecomdash uses its default (UNCONFIRMED).</summary>
    public static JsonArray QuantityUpdates(IEnumerable<(string Sku, int Quantity, decimal? WarehouseId)> updates) =>
        new(updates.Select(u =>
        {
            var element = new JsonObject { ["Sku"] = u.Sku, ["Quantity"] = u.Quantity };
            if (u.WarehouseId is { } warehouse)
                element["WarehouseId"] = warehouse;
            return (JsonNode)element;
        }).ToArray());

    /// <summary>
    /// "Inventory - Update Product" carrying a new price in GlobalListingAttributes.Price, UNCONFIRMED: the product as
    /// GET Inventory/{id} gave it (whether omitted members are cleared is unknown), less <paramref name="omit"/> (stock,
    /// which updateQuantityOnHand owns).
    /// </summary>
    public static JsonObject PriceUpdate(JsonObject product, decimal price, IEnumerable<string> omit)
    {
        var body = (JsonObject)product.DeepClone();
        foreach (var member in omit)
        {
            var name = body.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, member, StringComparison.OrdinalIgnoreCase));
            if (name is not null)
                body.Remove(name);
        }
        var attributesName = body.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "GlobalListingAttributes", StringComparison.OrdinalIgnoreCase)) ?? "GlobalListingAttributes";
        if (body[attributesName] is not JsonObject attributes)
            body[attributesName] = attributes = new JsonObject();
        var priceName = attributes.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "Price", StringComparison.OrdinalIgnoreCase)) ?? "Price";
        attributes[priceName] = price;
        return body;
    }

    private static string Date(DateTimeOffset value) => value.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
}
