namespace Sandbox.Ecomdash;

/// <summary>Ids travel as decimals; these turn a requested one back into the simulator's whole number.</summary>
internal static class DecimalId
{
    /// <summary>The id if <paramref name="value"/> is a positive whole number (12345 or 12345.0), else null (no such record).</summary>
    public static long? ToLong(decimal? value) =>
        value is { } v && v > 0 && v == decimal.Truncate(v) && v <= long.MaxValue ? (long)v : null;

    /// <summary>A route segment such as <c>12345</c> or <c>12345.0</c>; anything else is a 400, as Web API's decimal binding would give.</summary>
    public static decimal FromRoute(string text, string name) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidRequestException(name, $"The value '{text}' is not valid for {name}.");
}
