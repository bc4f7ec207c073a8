using System.Text.Json.Nodes;

namespace Sandbox.Tests.Ekart;

/// <summary>Request bodies shaped like Ekart's documented create call, for tests to send as is or break one field of.</summary>
internal static class EkartRequests
{
    /// <summary>A valid forward shipment for merchant ABC: source at its registered location, destination an address in Mumbai.</summary>
    public static JsonObject Forward(string trackingId, decimal amountToCollect = 0, string clientReference = "ORD-1") => new()
    {
        ["client_name"] = EkartFixture.Merchant,
        ["goods_category"] = "NON_ESSENTIAL",
        ["services"] = new JsonArray(new JsonObject
        {
            ["service_code"] = "REGULAR",
            ["service_details"] = new JsonArray(Detail(trackingId, amountToCollect, clientReference)),
        }),
    };

    public static JsonObject Detail(string trackingId, decimal amountToCollect = 0, string clientReference = "ORD-1") => new()
    {
        ["service_leg"] = "FORWARD",
        ["service_data"] = new JsonObject
        {
            ["amount_to_collect"] = amountToCollect,
            ["delivery_type"] = "SMALL",
            ["dispatch_date"] = "2026-03-02 12:00:00",
            ["customer_promise_date"] = "",
            ["vendor_name"] = "Ekart",
            ["service_types"] = new JsonArray(new JsonObject { ["name"] = "regional_handover", ["value"] = "true" }),
            ["source"] = new JsonObject { ["location_code"] = EkartFixture.Location },
            ["destination"] = new JsonObject { ["address"] = Address() },
            ["return_location"] = new JsonObject { ["location_code"] = EkartFixture.Location },
        },
        ["shipment"] = new JsonObject
        {
            ["client_reference_id"] = clientReference,
            ["tracking_id"] = trackingId,
            ["shipment_value"] = 1499,
            ["shipment_dimensions"] = new JsonObject
            {
                ["length"] = new JsonObject { ["value"] = 30 },
                ["breadth"] = new JsonObject { ["value"] = 20 },
                ["height"] = new JsonObject { ["value"] = 10 },
                ["weight"] = new JsonObject { ["value"] = 0.8 },
            },
            ["shipment_items"] = new JsonArray(new JsonObject
            {
                ["product_id"] = "SKU-TEE-M",
                ["product_title"] = "Cotton tee",
                ["category"] = "Apparel",
                ["quantity"] = 1,
                ["hsn"] = "61091000",
                ["seller_details"] = new JsonObject { ["seller_reg_name"] = "ABC Retail", ["gstin_id"] = "29ABCDE1234F1Z5" },
                ["item_attributes"] = new JsonArray(
                    new JsonObject { ["name"] = "order_id", ["value"] = clientReference },
                    new JsonObject { ["name"] = "invoice_id", ["value"] = "INV-" + clientReference }),
                ["handling_attributes"] = new JsonArray(new JsonObject { ["name"] = "isFragile", ["value"] = "false" }),
            }),
        },
    };

    public static JsonObject Address() => new()
    {
        ["first_name"] = "Asha Rao",
        ["address_line1"] = "12 Marine Drive",
        ["address_line2"] = "Flat 4B",
        ["pincode"] = "400020",
        ["city"] = "Mumbai",
        ["state"] = "Maharashtra",
        ["primary_contact_number"] = "9876543210",
        ["email_id"] = "asha@example.com",
    };

    /// <summary>The first (only) service_detail of a body built by <see cref="Forward"/>.</summary>
    public static JsonObject DetailOf(JsonObject body) => body["services"]![0]!["service_details"]![0]!.AsObject();

    public static JsonObject ServiceData(JsonObject body) => DetailOf(body)["service_data"]!.AsObject();

    public static JsonObject Shipment(JsonObject body) => DetailOf(body)["shipment"]!.AsObject();

    /// <summary>The messages of the first response line.</summary>
    public static IReadOnlyList<string> Messages(JsonNode? response, int line = 0) =>
        response!["response"]![line]!["message"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();

    public static string LineStatus(JsonNode? response, int line = 0) => response!["response"]![line]!["status"]!.GetValue<string>();
}
