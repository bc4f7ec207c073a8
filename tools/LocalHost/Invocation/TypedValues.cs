using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using LocalHost.Rpc;

namespace LocalHost.Invocation;

/// <summary>
/// TypedData as the real host produces it: strings as `string`, byte arrays as `bytes`, and every other value through
/// Json.NET's SerializeObject as `json` (so a number is the JSON text "1" and a date the JSON string "\"…+00:00\"").
/// </summary>
internal static class TypedValues
{
    /// <summary>Newtonsoft-like output (no \u0022 for quotes, non-ASCII kept), as the real host serialises.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TypedData String(string value) => new() { String = value };

    public static TypedData Bytes(byte[] value) => new() { Bytes = ByteString.CopyFrom(value) };

    public static TypedData JsonOf(JsonNode? value) => new() { Json = value?.ToJsonString(Json) ?? "null" };

    public static TypedData Number(long value) => new() { Json = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A DateTimeOffset as Json.NET writes it (ISO 8601 with offset, trailing zeros of the fraction dropped), as a JSON string.</summary>
    public static TypedData Date(DateTimeOffset value) => new() { Json = JsonSerializer.Serialize(DateText(value)) };

    public static string DateText(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>A UTC DateTime as Json.NET writes it.</summary>
    public static string DateText(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
