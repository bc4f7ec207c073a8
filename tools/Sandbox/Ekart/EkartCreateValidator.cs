using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sandbox.Ekart;

/// <summary>
/// Validates a <c>/v2/shipments/create</c> body as strictly as Ekart's published contract: the request level
/// (client_name, goods_category), each service (service_code) and each service_detail (leg, service_data, shipment).
/// Messages Durin is known to use are kept word for word; the others are the simulator's (see README).
/// </summary>
internal static partial class EkartCreateValidator
{
    public const decimal MaxCod = 50000m;
    /// <summary>Forward service codes the simulator accepts (integrators use REGULAR and ECONOMY).</summary>
    public static readonly IReadOnlySet<string> ServiceCodes = new HashSet<string>(StringComparer.Ordinal) { "REGULAR", "ECONOMY" };
    private static readonly HashSet<string> GoodsCategories = new(StringComparer.Ordinal) { "ESSENTIAL", "NON_ESSENTIAL" };
    private static readonly HashSet<string> DeliveryTypes = new(StringComparer.Ordinal) { "SMALL", "MEDIUM", "LARGE" };

    /// <summary>Errors of the request's own fields; each one rejects every shipment in the request.</summary>
    public static List<string> ValidateRequest(JsonObject root, EkartMerchantState merchant)
    {
        var errors = new List<string>();
        var clientName = EkartJson.Text(root["client_name"], "client_name")?.Trim();
        if (string.IsNullOrEmpty(clientName)) errors.Add("Client name is null");
        else if (clientName != merchant.Code) errors.Add($"Invalid client name {clientName}");

        if (root.ContainsKey("goods_category"))
        {
            var category = EkartJson.Text(root["goods_category"], "goods_category")?.Trim();
            if (string.IsNullOrEmpty(category)) errors.Add("Goods category is either null or empty");
            else if (!GoodsCategories.Contains(category)) errors.Add($"Invalid goods category, Provided value: {category}");
        }
        return errors;
    }

    /// <summary>Errors of one services[] entry; each rejects every shipment of that service.</summary>
    public static List<string> ValidateService(JsonObject service, out string serviceCode)
    {
        var errors = new List<string>();
        serviceCode = EkartJson.Text(service["service_code"], "service_code")?.Trim() ?? "";
        if (serviceCode.Length == 0) errors.Add("Service code is null or empty");
        else if (!ServiceCodes.Contains(serviceCode)) errors.Add($"Invalid service code {serviceCode}");
        return errors;
    }

    /// <summary>Validates one service_detail, adding to <paramref name="errors"/>; returns the shipment when it is valid.</summary>
    public static EkartShipmentRequest? ValidateDetail(JsonObject detail, EkartMerchantState merchant, string serviceCode, List<string> errors)
    {
        var before = errors.Count;
        var leg = EkartJson.Text(detail["service_leg"], "service_leg")?.Trim();
        if (string.IsNullOrEmpty(leg)) errors.Add("Service leg is null");
        else if (leg != "FORWARD") errors.Add($"Invalid service leg {leg}: the simulator creates FORWARD shipments only");

        var data = EkartJson.Object(detail, "service_data");
        var shipment = EkartJson.Object(detail, "shipment");
        if (data is null) errors.Add("Service data is null");
        if (shipment is null) errors.Add("Shipments are null");
        if (data is null || shipment is null) return null;

        var amount = AmountToCollect(data, errors);
        var deliveryType = DeliveryType(data, errors);
        foreach (var field in new[] { "dispatch_date", "customer_promise_date" })
            if (EkartJson.Text(data[field], field)?.Trim() is { Length: > 0 } date && !EkartDates.IsValidRequestDate(date))
                errors.Add("Invalid Date Format");

        var source = Location(data, "source", "Source location is Null", merchant, errors);
        var destination = Location(data, "destination", "Destination location is Null", merchant, errors);
        // return_location is optional: without one, the source is the return address.
        if (EkartJson.Object(data, "return_location") is { } returnLocation)
            EkartLocationValidator.Validate(returnLocation, "return_location", merchant, errors);

        var trackingId = TrackingId(shipment, merchant, amount, errors);
        var clientReference = ClientReference(shipment, errors);
        var value = ShipmentValue(shipment, errors);
        var weight = Dimensions(shipment, errors);
        Items(shipment, errors);

        if (errors.Count > before || source is null || destination is null || trackingId is null || amount is null)
            return null;
        return new EkartShipmentRequest(
            trackingId, clientReference!, amount.Value > 0, amount.Value, value, weight, serviceCode, deliveryType,
            EkartJson.Text(data["vendor_name"], "vendor_name")?.Trim() is { Length: > 0 } vendor ? vendor : "Ekart",
            source, destination, (JsonObject)detail.DeepClone());
    }

    /// <summary>The tracking id the detail carries, for the response line, even when the detail is invalid.</summary>
    public static string? TrackingIdOf(JsonObject detail) =>
        detail["shipment"] is JsonObject shipment && shipment["tracking_id"] is JsonValue id ? EkartJson.Text(id, "tracking_id") : null;

    private static decimal? AmountToCollect(JsonObject data, List<string> errors)
    {
        var text = EkartJson.Text(data["amount_to_collect"], "amount_to_collect");
        if (string.IsNullOrWhiteSpace(text)) { errors.Add("Amount to collect is Null or Empty"); return null; }
        if (!EkartJson.TryNumber(data["amount_to_collect"], "amount_to_collect", out var amount) || amount < 0)
        {
            errors.Add("Amount to collect is Invalid");
            return null;
        }
        if (amount > MaxCod) { errors.Add("Amount to collect should not exceed 50000"); return null; }
        return amount;
    }

    private static string DeliveryType(JsonObject data, List<string> errors)
    {
        if (!data.ContainsKey("delivery_type")) return "SMALL"; // Durin's default
        var type = EkartJson.Text(data["delivery_type"], "delivery_type")?.Trim();
        if (string.IsNullOrEmpty(type)) errors.Add("Delivery Type is null or empty");
        else if (!DeliveryTypes.Contains(type)) errors.Add("Invalid delivery type");
        return type ?? "SMALL";
    }

    private static EkartPlace? Location(JsonObject data, string role, string nullMessage, EkartMerchantState merchant, List<string> errors)
    {
        var location = EkartJson.Object(data, role);
        if (location is null) { errors.Add(nullMessage); return null; }
        return EkartLocationValidator.Validate(location, role, merchant, errors);
    }

    private static string? TrackingId(JsonObject shipment, EkartMerchantState merchant, decimal? amount, List<string> errors)
    {
        var id = EkartJson.Text(shipment["tracking_id"], "tracking_id")?.Trim();
        if (string.IsNullOrEmpty(id)) { errors.Add("Tracking Id can not be empty"); return null; }
        if (!EkartTrackingId.TryParse(id, out var owner, out var isCod) || owner != merchant.Code)
        {
            errors.Add("Invalid tracking ID");
            return null;
        }
        // The C/P letter must agree with amount_to_collect: C collects cash, P collects nothing.
        if (amount is { } collect && isCod != collect > 0)
        {
            errors.Add(isCod
                ? "Invalid tracking ID: a COD (C) tracking id needs amount_to_collect above 0"
                : "Invalid tracking ID: a prepaid (P) tracking id needs amount_to_collect 0");
            return null;
        }
        return id;
    }

    private static string? ClientReference(JsonObject shipment, List<string> errors)
    {
        var reference = EkartJson.Text(shipment["client_reference_id"], "client_reference_id")?.Trim();
        if (string.IsNullOrEmpty(reference)) { errors.Add("Client reference id can not be empty"); return null; }
        if (reference.Length > 15) { errors.Add("Client reference id exceeds maximum allowed length - 15"); return null; }
        return reference;
    }

    private static decimal ShipmentValue(JsonObject shipment, List<string> errors)
    {
        if (!EkartJson.TryNumber(shipment["shipment_value"], "shipment_value", out var value) || value <= 0)
            errors.Add("Shipment value is Invalid");
        return value;
    }

    /// <summary>Checks the box against Ekart's limits (longest side 75 cm, next 55 cm, volumetric weight 21.25 kg); returns the weight.</summary>
    private static decimal Dimensions(JsonObject shipment, List<string> errors)
    {
        var dimensions = EkartJson.Object(shipment, "shipment_dimensions");
        if (dimensions is null) { errors.Add("Shipment dimensions is Null"); return 0; }
        var values = new Dictionary<string, decimal>();
        foreach (var name in new[] { "length", "breadth", "height", "weight" })
        {
            var measure = EkartJson.Object(dimensions, name);
            if (measure is null || !EkartJson.TryNumber(measure["value"], name, out var value) || value <= 0)
                errors.Add($"Invalid shipment dimension {name}: value must be a number above 0");
            else
                values[name] = value;
        }
        if (values.Count < 4) return 0;
        var sides = new[] { values["length"], values["breadth"], values["height"] }.OrderDescending().ToArray();
        if (sides[0] > 75 || sides[1] > 55)
            errors.Add("Shipment dimensions exceed the maximum allowed: longest side 75, second side 55");
        if (sides[0] * sides[1] * sides[2] / 6000 > 21.25m)
            errors.Add("Volumetric weight (L*B*H/6000) exceeds the maximum allowed 21.25");
        return values["weight"];
    }

    private static void Items(JsonObject shipment, List<string> errors)
    {
        var items = EkartJson.Array(shipment, "shipment_items");
        if (items is null || items.Count == 0) { errors.Add("Shipment Items can not be empty"); return; }
        foreach (var node in items)
        {
            if (node is not JsonObject item) throw new EkartMalformedRequestException("'shipment_items' must hold objects.");
            if (string.IsNullOrWhiteSpace(EkartJson.Text(item["product_title"], "product_title")))
                errors.Add("Product title is null or empty");
            if (!EkartJson.TryNumber(item["quantity"], "quantity", out var quantity) || quantity < 1 || quantity != decimal.Truncate(quantity))
                errors.Add("Quantity should be a whole number of at least 1");
            if (EkartJson.Text(item["hsn"], "hsn")?.Trim() is { Length: > 0 } hsn && !Hsn().IsMatch(hsn))
                errors.Add($"HSN value is in incorrect format: {hsn}");
            foreach (var list in new[] { "item_attributes", "handling_attributes" })
                foreach (var pair in EkartJson.Array(item, list) ?? [])
                    if (pair is not JsonObject p || EkartJson.Text(p["name"], "name") is null || EkartJson.Text(p["value"], "value") is null)
                        errors.Add($"{list} entries need a name and a value");
        }
    }

    // Ekart's document asks for the 8-digit HSN.
    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex Hsn();
}
