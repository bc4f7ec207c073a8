using System.Globalization;

namespace Sandbox.ClickAndDrop;

/// <summary>Royal Mail-like S10 tracking numbers: two letters, eight digits, the mod-11 check digit, "GB" (e.g. TT123456785GB).</summary>
public static class RoyalMailTrackingNumber
{
    private static readonly int[] Weights = [8, 6, 4, 2, 3, 5, 9, 7];

    public static string Create(string prefix, int serial)
    {
        var digits = serial.ToString("D8", CultureInfo.InvariantCulture);
        if (digits.Length != 8) throw new ArgumentOutOfRangeException(nameof(serial));
        return prefix + digits + CheckDigit(digits).ToString(CultureInfo.InvariantCulture) + "GB";
    }

    public static int CheckDigit(string eightDigits)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (eightDigits[i] - '0') * Weights[i];
        var check = 11 - sum % 11;
        return check switch { 10 => 0, 11 => 5, _ => check };
    }
}
