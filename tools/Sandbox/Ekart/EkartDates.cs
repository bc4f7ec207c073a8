using System.Globalization;

namespace Sandbox.Ekart;

/// <summary>How the simulator writes and reads Ekart dates: Indian Standard Time, the only zone Ekart operates in.</summary>
internal static class EkartDates
{
    public static readonly TimeSpan IndiaOffset = TimeSpan.FromHours(5.5);

    // Request dates (dispatch_date, customer_promise_date) as integrators send them. Durin's date validator is not
    // published, so only these two forms pass: a simulator that accepted more could hide a format the real API refuses.
    private static readonly string[] RequestDateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>history[].event_date: local Indian time without an offset (UNCONFIRMED format).</summary>
    public static string EventDate(DateTimeOffset at) =>
        at.ToOffset(IndiaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>history[].event_date_iso8601: ISO 8601 with the +05:30 offset.</summary>
    public static string Iso8601(DateTimeOffset at) =>
        at.ToOffset(IndiaOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static bool IsValidRequestDate(string text) =>
        DateTime.TryParseExact(text, RequestDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
