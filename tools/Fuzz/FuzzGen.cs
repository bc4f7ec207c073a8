using System.Text;
using System.Text.Json;
using CsCheck;

namespace Fuzz;

/// <summary>
/// The building blocks of every case, as CsCheck generators: unicode-heavy strings, JSON that is valid, truncated,
/// deeply nested, of the wrong type or with numbers no parser can hold, and bytes that are not UTF-8 at all.
/// </summary>
public static class FuzzGen
{
    /// <summary>Pieces that break naive handling: control and format characters, surrogates alone, astral and RTL text, URL and JSON punctuation.</summary>
    private static readonly string[] NastyPieces =
    [
        "\0", "\u202E", "\uFEFF", "\u200B", "\uD800", "\uDFFF", "😀", "𝕳𝖊𝖑𝖑𝖔", "e\u0301\u0301\u0301", "مرحبا", "注文番号", "Ω≈ç√", "\r\n", "\t",
        "\"", "\\", "'", "%", "%00", "%2F", "%25", "/", "..", "?", "#", "&", "=", "+", ";", "<script>", "${jndi:x}", "{{7*7}}", "' OR 1=1 --",
        "null", "undefined", "NaN", "-1", "0", "true", "[]", "{}", " ", "\u00A0", "ǅ", "İ", "ß", "\u0085", "\u2028",
    ];

    public static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Char['a', 'z']),
        (2, Gen.Char['0', '9']),
        (2, Gen.Char[' ', '~']),
        (2, Gen.Char['\u0080', '\u07FF']),
        (2, Gen.Char['\u0800', '\uD7FF']),
        (1, Gen.Char['\uD800', '\uDFFF']),
        (1, Gen.Char['\0', '\u001F']));

    /// <summary>A string of up to 40 pieces, each a character or a nasty piece.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
            (3, AnyChar.Select(c => c.ToString())),
            (1, Gen.OneOf(NastyPieces)))
        .Array[0, 40].Select(parts => string.Concat(parts));

    /// <summary>Very long strings, beyond any id or name we keep.</summary>
    public static readonly Gen<string> LongText = Gen.Select(Text, Gen.Int[200, 5000], (t, n) => (t.Length == 0 ? "x" : t).PadRight(n, 'ä'));

    public static readonly Gen<string> AnyText = Gen.Frequency((9, Text), (1, LongText));

    /// <summary>Numbers as JSON text, including ones no .NET type holds.</summary>
    public static readonly Gen<string> JsonNumber = Gen.Frequency(
        (3, Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e308")),
        (3, Gen.OneOf("0", "-0", "1e400", "-1e400", "1E-400", "123456789012345678901234567890", "2147483648", "-2147483649",
            "9223372036854775808", "18446744073709551616", "0.000000000000000000001", "1.0", "-1", "3.14159265358979323846264338327950288")));

    public static readonly Gen<string> JsonString = AnyText.Select(t => JsonSerializer.Serialize(t));

    public static readonly Gen<string> JsonScalar = Gen.Frequency(
        (2, Gen.OneOf("null", "true", "false")),
        (3, JsonNumber),
        (5, JsonString));

    /// <summary>Field names our requests and messages use (so wrong types land on real fields), and others.</summary>
    public static readonly string[] KnownFields =
    [
        "carrier", "carrierAccountId", "tradingName", "settings", "credentials", "apiKey", "token", "webhookSecret", "merchantCode",
        "status", "sku", "name", "weightGrams", "price", "quantityOnHand", "rules", "when", "use", "reason", "connectionId", "channelOrderId",
        "carrierShipmentId", "traceParent", "source", "attempt", "channel", "shippingMethod", "serviceCode", "packageFormat", "destinationCountries",
        "allProducts", "skus", "topic", "username", "entity_id", "tracking_id", "event_date_iso8601", "id", "take", "skip", "kind", "action",
        "markDespatchedOnChannel", "integrationName", "onlineBusinessAccount", "ecdSubscriptionKey", "tariffCode", "originCountryCode",
    ];

    public static readonly Gen<string> FieldName = Gen.Frequency((4, Gen.OneOf(KnownFields)), (1, Text));

    /// <summary>Any JSON document up to <paramref name="depth"/> levels, as text.</summary>
    public static Gen<string> Json(int depth) => depth <= 0
        ? JsonScalar
        : Gen.Frequency(
            (4, JsonScalar),
            (3, Gen.Select(FieldName, Json(depth - 1)).Array[0, 8]
                .Select(pairs => "{" + string.Join(",", pairs.Select(p => JsonSerializer.Serialize(p.Item1) + ":" + p.Item2)) + "}")),
            (2, Json(depth - 1).Array[0, 8].Select(items => "[" + string.Join(",", items) + "]")));

    public static readonly Gen<string> AnyJson = Json(3);

    /// <summary>Nesting far past any parser's limit.</summary>
    public static readonly Gen<string> DeepJson = Gen.Int[65, 5000].Select(n => new string('[', n) + new string(']', n));

    /// <summary>A field of a known body replaced by a value of another type, or removed, or a field added.</summary>
    public static Gen<string> Mutated(IReadOnlyList<string> templates) =>
        Gen.Select(Gen.OneOf(templates.ToArray()), Gen.Int[0, 1000], Gen.Int[0, 2], Json(2),
            (template, at, how, value) => JsonMutation.Apply(template, at, how, value));

    /// <summary>Valid JSON cut off at a random point.</summary>
    public static Gen<string> Truncated(Gen<string> json) =>
        Gen.Select(json, Gen.Double[0, 1], (text, cut) => text.Length <= 1 ? "{" : text[..(int)(text.Length * cut)]);

    /// <summary>Bytes that are not UTF-8: lone continuations, overlong forms, surrogates encoded, truncated sequences.</summary>
    public static readonly Gen<byte[]> NotUtf8 = Gen.Select(AnyJson, Gen.Int[0, 1000], Gen.OneOf<byte[]>(
            [0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xF0, 0x28, 0x8C, 0xBC], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF, 0xFE], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]),
        (json, at, bad) =>
        {
            var bytes = Encoding.UTF8.GetBytes(json).ToList();
            bytes.InsertRange(bytes.Count == 0 ? 0 : at % (bytes.Count + 1), bad);
            return bytes.ToArray();
        });

    public static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[1, 2000];

    /// <summary>JSON text in UTF-16 or UTF-32, with or without a byte-order mark.</summary>
    public static readonly Gen<byte[]> OtherEncoding = Gen.Select(AnyJson, Gen.Int[0, 3], (json, which) => which switch
    {
        0 => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(json)).ToArray(),
        1 => Encoding.Unicode.GetBytes(json),
        2 => Encoding.BigEndianUnicode.GetBytes(json),
        _ => Encoding.UTF32.GetBytes(json),
    });

    /// <summary>Over 1 MB: a JSON document holding one long string, or as many array items.</summary>
    public static readonly Gen<byte[]> Oversized = Gen.Select(Gen.Int[1_048_577, 1_300_000], Gen.Bool, (size, asArray) => asArray
        ? Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("1", size / 2)) + "]")
        : Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', size) + "\"}"));
}
