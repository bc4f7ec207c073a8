using System.Globalization;
using System.Text.RegularExpressions;

namespace Sandbox.BigCommerce.Api;

/// <summary>RFC-2822 as the v2 API writes dates, and the lenient parsing its filters do (RFC-2822 or ISO-8601).</summary>
internal static partial class SimDates
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : "";

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var m = Rfc2822().Match(text.Trim());
        if (m.Success)
        {
            var month = Array.FindIndex(Months, x => x.Equals(m.Groups[3].Value, StringComparison.OrdinalIgnoreCase)) + 1;
            if (month == 0)
                return false;
            var zone = m.Groups[7].Value;
            var offset = zone[0] is '+' or '-'
                ? (zone[0] == '-' ? -1 : 1) * new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[3..5], CultureInfo.InvariantCulture), 0)
                : TimeSpan.Zero;
            try
            {
                value = new DateTimeOffset(int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture), month, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                    int.Parse(m.Groups[5].Value[..2], CultureInfo.InvariantCulture), int.Parse(m.Groups[5].Value[3..5], CultureInfo.InvariantCulture),
                    m.Groups[6].Success ? int.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture) : 0, offset);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }
        // ISO-8601 only (the real API rejects nothing, it ignores what it cannot read).
        return text.Contains('T') || text.Length == 10
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            : false;
    }

    [GeneratedRegex(@"^([A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}:\d{2})(?::(\d{2}))?\s+([+-]\d{4}|GMT|UTC|UT|Z)$")]
    private static partial Regex Rfc2822();
}
