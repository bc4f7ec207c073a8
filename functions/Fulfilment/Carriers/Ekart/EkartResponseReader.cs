using System.Text.Json;
using Fulfilment.Carriers.Ekart.Dtos;

namespace Fulfilment.Carriers.Ekart;

/// <summary>
/// Reads Ekart's answers defensively: the ApiResponse of create and cancel (also sent with HTTP 400 when every line is
/// rejected), and the track answer, which integrators have seen both keyed by tracking id and as an array (UNCONFIRMED).
/// Unknown fields are ignored; entries that cannot be read are skipped, never guessed.
/// </summary>
public static class EkartResponseReader
{
    /// <summary>The ApiResponse in <paramref name="body"/>, or null when the body is not one (an error body).</summary>
    public static EkartApiResponse? ApiResponse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Array)
                return null;
            var lines = response.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.Object).Select(l => new EkartResponseLine(
                Text(l, "tracking_id"),
                Text(l, "status"),
                Messages(l))).ToList();
            return new EkartApiResponse(Text(root, "request_id"), lines);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The shipments in a track answer, by tracking id.</summary>
    /// <exception cref="JsonException">The body is not JSON at all.</exception>
    public static IReadOnlyDictionary<string, EkartTrackedShipment> Track(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var blocks = new List<(string? Key, JsonElement Block)>();
        if (root.ValueKind == JsonValueKind.Array)
            blocks.AddRange(root.EnumerateArray().Select(b => ((string?)null, b)));
        else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("response", out var wrapped) && wrapped.ValueKind == JsonValueKind.Array)
            blocks.AddRange(wrapped.EnumerateArray().Select(b => ((string?)null, b)));
        else if (root.ValueKind == JsonValueKind.Object)
            blocks.AddRange(root.EnumerateObject().Select(p => ((string?)p.Name, p.Value)));

        var shipments = new Dictionary<string, EkartTrackedShipment>(StringComparer.Ordinal);
        foreach (var (key, block) in blocks)
        {
            if (block.ValueKind != JsonValueKind.Object)
                continue;
            var trackingId = Text(block, "tracking_id") ?? Text(block, "external_tracking_id") ?? key;
            if (trackingId is null || !block.TryGetProperty("history", out var history) || history.ValueKind != JsonValueKind.Array)
                continue;
            var entries = new List<EkartHistoryEntry>();
            foreach (var entry in history.EnumerateArray())
            {
                if (Text(entry, "status") is not { } status || EkartDates.EventTime(entry) is not { } at)
                    continue;
                entries.Add(new EkartHistoryEntry(status, at, Text(entry, "city"), Text(entry, "hub_name"), Text(entry, "public_description")));
            }
            shipments[trackingId] = new EkartTrackedShipment(trackingId, Text(block, "order_id") ?? Text(block, "client_reference_id"), entries);
        }
        return shipments;
    }

    private static IReadOnlyList<string> Messages(JsonElement line)
    {
        if (!line.TryGetProperty("message", out var message))
            return [];
        return message.ValueKind switch
        {
            JsonValueKind.Array => message.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText()).ToList(),
            JsonValueKind.String => [message.GetString()!],
            _ => [],
        };
    }

    private static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }
}
