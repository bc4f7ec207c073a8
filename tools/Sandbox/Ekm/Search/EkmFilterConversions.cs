using System.Globalization;

namespace Sandbox.Ekm.Search;

/// <summary>
/// How a literal becomes the type of the field it is compared with. XPression converts a quoted string to the field's
/// type (so <c>order_date gt '2024-01-01T00:00:00Z'</c> compares dates); the accepted date forms are ISO 8601 (UNCONFIRMED
/// beyond that).
/// </summary>
internal static class EkmFilterConversions
{
    public static EkmValue? Convert(EkmValue literal, EkmFieldType target)
    {
        if (literal.IsNull || literal.Type == target)
            return literal;
        return (literal.Type, target) switch
        {
            (EkmFieldType.String, EkmFieldType.Date) => ToDate(literal.Text!),
            (EkmFieldType.String, EkmFieldType.Number) => ToNumber(literal.Text!),
            (EkmFieldType.String, EkmFieldType.Boolean) => ToBoolean(literal.Text!),
            (EkmFieldType.Number, EkmFieldType.String) => EkmValue.Of(literal.Number.ToString(CultureInfo.InvariantCulture)),
            _ => null,
        };
    }

    public static EkmValue? ToDate(string text)
    {
        // ISO 8601 only: yyyy-MM-dd, optionally with a time and an offset or Z.
        if (text.Length < 10 || text[4] != '-' || text[7] != '-')
            return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? EkmValue.Of(date)
            : null;
    }

    public static EkmValue? ToNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? EkmValue.Of(number) : null;

    public static EkmValue? ToBoolean(string text) =>
        bool.TryParse(text, out var value) ? EkmValue.Of(value) : null;
}
