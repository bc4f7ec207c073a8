using System.Globalization;
using System.Text.Json;

namespace Fulfilment.Carriers.Ekart;

/// <summary>Ekart's event times: ISO 8601 with an offset where given, else <c>yyyy-MM-dd HH:mm:ss</c> in Indian Standard Time.</summary>
public static class EkartDates
{
    public static readonly TimeSpan Ist = TimeSpan.FromHours(5.5);

    /// <summary>The event time of a track history entry or webhook body, or null when it has none we can read.</summary>
    public static DateTimeOffset? EventTime(JsonElement element)
    {
        if (Text(element, "event_date_iso8601") is { } iso
            && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var at))
            return at;
        if (Text(element, "event_date") is { } local)
        {
            if (DateTime.TryParseExact(local, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AllowWhiteSpaces, out var ist))
                return new DateTimeOffset(ist, Ist);
            if (DateTimeOffset.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var any))
                return any;
        }
        // Elite-style bodies carry epoch milliseconds in "ctime" (UNCONFIRMED for the Classic API).
        if (element.TryGetProperty("ctime", out var ctime) && ctime.ValueKind == JsonValueKind.Number && ctime.TryGetInt64(out var ms))
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
