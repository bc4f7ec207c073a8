using System.Globalization;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>
/// Ecomdash types its ids as decimals and writes them with a fraction (<c>86901.0</c>, channels.md D4): they are read
/// as decimals and kept as whole-number text, which is what we store and send back.
/// </summary>
public static class EcomdashIds
{
    /// <summary>"86901" for 86901.0; null for a value that is not a positive whole number (not an id).</summary>
    public static string? Text(decimal? value) =>
        value is { } v && v > 0 && v == decimal.Truncate(v) ? decimal.Truncate(v).ToString("0", CultureInfo.InvariantCulture) : null;

    /// <summary>The id as a number to send, from our text; throws a Rejected failure for text that is not one.</summary>
    public static decimal Parse(string? text, string what) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && value == decimal.Truncate(value)
            ? decimal.Truncate(value)
            : throw EcomdashException.Invalid($"An Ecomdash {what} is a positive whole number, not \"{text}\".");

    /// <summary>Whether two ids are the same whatever their form ("86901", "86901.0", 86901m).</summary>
    public static bool Same(decimal a, string? b) => Text(a) is { } text && text == b;
}
