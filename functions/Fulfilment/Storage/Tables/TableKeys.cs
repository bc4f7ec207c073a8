using System.Globalization;
using System.Text;

namespace Fulfilment.Storage.Tables;

/// <summary>
/// Reversible escaping of merchant-supplied values (SKUs, order ids, shipping methods) for PartitionKey and RowKey:
/// Table Storage forbids / \ # ? and control characters there. They become %XX, as does % itself and | (our
/// separator in composite keys), so every key maps back to exactly one value.
/// </summary>
public static class TableKeys
{
    /// <summary>Separator between escaped parts of a composite key; never appears inside an escaped part.</summary>
    public const char Separator = '|';

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(NeedsEscape)) return value;
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c)) sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    public static string Unescape(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('%')) return key;
        var sb = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length
                && int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                sb.Append((char)code);
                i += 2;
            }
            else sb.Append(key[i]);
        }
        return sb.ToString();
    }

    /// <summary>Escapes each part and joins them with <see cref="Separator"/>.</summary>
    public static string Compose(params string[] parts) => string.Join(Separator, parts.Select(Escape));

    /// <summary>Splits a key made by <see cref="Compose"/> back into its unescaped parts.</summary>
    public static string[] Decompose(string key) => key.Split(Separator).Select(Unescape).ToArray();

    // Every character we escape is below U+0100, so two hex digits always suffice.
    private static bool NeedsEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or '%' or Separator || char.IsControl(c);
}
