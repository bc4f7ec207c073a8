using System.Text.Json;

namespace Fulfilment.Carriers.Ekart;

/// <summary>One tracking event as an Ekart webhook carries it.</summary>
public sealed record EkartWebhookEvent(string TrackingId, string Status, DateTimeOffset At, string? City, string? HubName, string? Description, string? EventId);

/// <summary>
/// Reads a webhook body. Ekart's payload is UNCONFIRMED (its operations team configures webhooks and publishes no
/// schema), so only what an event needs is read, under the names the track API uses (tracking_id, status,
/// event_date_iso8601 or event_date, city, hub_name, public_description) or the Elite API's (id, else wbn; status, ctime,
/// location, desc); every other field is ignored.
/// </summary>
public static class EkartWebhookEventReader
{
    public static (EkartWebhookEvent? Event, string? Problem) Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, "the body is not a JSON object");
            var trackingId = Text(root, "tracking_id") ?? Text(root, "id") ?? Text(root, "wbn");
            var status = Text(root, "status");
            if (trackingId is null || trackingId.Length > 64)
                return (null, "tracking_id is missing");
            if (status is null || status.Length > EkartEvents.MaxStatusLength)
                return (null, "status is missing or too long");
            if (EkartDates.EventTime(root) is not { } at)
                return (null, "the event has no readable time (event_date_iso8601 or event_date)");
            return (new EkartWebhookEvent(trackingId, status, at, Text(root, "city") ?? Text(root, "location"), Text(root, "hub_name"),
                Text(root, "public_description") ?? Text(root, "desc"), Text(root, "event_id")), null);
        }
        catch (JsonException)
        {
            return (null, "the body is not JSON");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()?.Trim() is { Length: > 0 } text
            ? text
            : null;
}
