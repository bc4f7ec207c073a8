using System.Globalization;
using System.Text.RegularExpressions;

namespace Sandbox.Ekart;

/// <summary>
/// Ekart's merchant-supplied tracking id: the 3-character merchant code, <c>C</c> for cash on delivery or <c>P</c> for
/// prepaid, then 10 digits (e.g. <c>MVKC0056134525</c>).
/// </summary>
public static partial class EkartTrackingId
{
    /// <summary>Parses <paramref name="value"/>; false when it does not have the documented shape.</summary>
    public static bool TryParse(string? value, out string merchantCode, out bool isCod)
    {
        merchantCode = "";
        isCod = false;
        var match = value is null ? null : Shape().Match(value);
        if (match is null || !match.Success) return false;
        merchantCode = match.Groups["merchant"].Value;
        isCod = match.Groups["payment"].Value == "C";
        return true;
    }

    /// <summary>A well-formed id, for tests and seeds: <c>Create("ABC", isCod: false, 7)</c> is <c>ABCP0000000007</c>.</summary>
    public static string Create(string merchantCode, bool isCod, long serial) =>
        merchantCode + (isCod ? "C" : "P") + serial.ToString("D10", CultureInfo.InvariantCulture);

    [GeneratedRegex("^(?<merchant>[A-Z0-9]{3})(?<payment>[CP])[0-9]{10}$")]
    private static partial Regex Shape();
}
