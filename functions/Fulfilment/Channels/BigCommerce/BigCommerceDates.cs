using System.Globalization;
using System.Text.RegularExpressions;

namespace Fulfilment.Channels.BigCommerce;

/// <summary>RFC-2822 dates as the v2 API writes them (<c>Thu, 20 Apr 2017 11:32:00 +0000</c>) and reads them in filters.</summary>
public static partial class BigCommerceDates
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Formats in UTC with a numeric offset, invariant culture (the caller URL-encodes it for v2 filters).</summary>
    public static string ToRfc2822(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>Parses RFC-2822 (numeric offset or GMT/UT/Z); falls back to ISO-8601, which v2 also accepts.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var m = Rfc2822().Match(text.Trim());
        if (m.Success)
        {
            var month = Array.FindIndex(Months, x => string.Equals(x, m.Groups["mon"].Value, StringComparison.OrdinalIgnoreCase)) + 1;
            if (month == 0)
                return false;
            var zone = m.Groups["zone"].Value;
            var offset = TimeSpan.Zero;
            if (zone[0] is '+' or '-')
            {
                offset = new TimeSpan(int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture), int.Parse(zone.AsSpan(3, 2), CultureInfo.InvariantCulture), 0);
                if (zone[0] == '-')
                    offset = -offset;
            }
            try
            {
                value = new DateTimeOffset(
                    int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), month, int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture),
                    int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["min"].Value, CultureInfo.InvariantCulture),
                    m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0, offset);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>Parses or throws a <see cref="FormatException"/> naming the field.</summary>
    public static DateTimeOffset Parse(string? text, string field) =>
        TryParse(text, out var value) ? value : throw new FormatException($"BigCommerce {field} '{text}' is not an RFC-2822 or ISO-8601 date.");

    [GeneratedRegex(@"^(?:[A-Za-z]{3},\s*)?(?<d>\d{1,2})\s+(?<mon>[A-Za-z]{3})\s+(?<y>\d{4})\s+(?<h>\d{2}):(?<min>\d{2})(?::(?<s>\d{2}))?\s+(?<zone>[+-]\d{4}|GMT|UTC|UT|Z)$")]
    private static partial Regex Rfc2822();
}
