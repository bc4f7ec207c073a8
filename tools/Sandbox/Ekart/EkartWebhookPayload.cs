using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Sandbox.Ekart;

/// <summary>One tracking event ready to push: the exact body bytes, built once so duplicates and replays are identical.</summary>
internal sealed record EkartWebhookMessage(string MerchantCode, string TrackingId, string Status, string EventId, byte[] Body);

/// <summary>
/// The simulator's webhook body (Ekart's real payload is UNCONFIRMED: its operations team configures it). The fields a
/// receiver needs mirror a track history entry, plus fields a receiver does not know, to prove it tolerates them.
/// </summary>
internal static class EkartWebhookPayload
{
    public static EkartWebhookMessage Message(EkartShipmentState shipment, EkartTrackingEvent evt)
    {
        var eventId = $"{shipment.TrackingId}-{evt.Sequence}";
        var body = new JsonObject
        {
            ["event_id"] = eventId,
            ["tracking_id"] = shipment.TrackingId,
            ["client_reference_id"] = shipment.ClientReferenceId,
            ["merchant_code"] = shipment.MerchantCode,
            ["status"] = evt.Status,
            ["event_date_iso8601"] = EkartDates.Iso8601(evt.At),
            ["event_date"] = EkartDates.EventDate(evt.At),
            ["city"] = evt.City,
            ["hub_name"] = evt.HubName,
            ["public_description"] = evt.PublicDescription,
            // Unknown to any receiver: present so tests show they are ignored.
            ["shipment_type"] = "outgoing",
            ["notification_type"] = "critical_update",
            ["ekl_internal"] = new JsonObject { ["sequence"] = evt.Sequence, ["source"] = "ekart-sandbox" },
        };
        return new EkartWebhookMessage(shipment.MerchantCode, shipment.TrackingId, evt.Status, eventId, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    /// <summary>HMAC-SHA256 of the raw body with the secret, hex (lower case) or Base64.</summary>
    public static string Sign(byte[] body, string secret, EkartSignatureEncoding encoding)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return encoding == EkartSignatureEncoding.Base64 ? Convert.ToBase64String(mac) : Convert.ToHexStringLower(mac);
    }
}
