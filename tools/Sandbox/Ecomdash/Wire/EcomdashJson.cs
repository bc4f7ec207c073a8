using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sandbox.Ecomdash;

/// <summary>The two JSON dialects of the simulator: the API's (Json.NET-like) and the controls' (camelCase).</summary>
internal static class EcomdashJson
{
    /// <summary>
    /// How the API writes: members PascalCase as declared, nulls written, decimals always with a fraction and dates as
    /// UTC without an offset, which is how the ASP.NET Web API / Json.NET back end writes its decimal ids and DateTimes.
    /// </summary>
    public static readonly JsonSerializerOptions Api = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonNetDecimalConverter(), new EcomdashDateConverter() },
    };

    /// <summary>The <c>/_sandbox/ecomdash</c> controls: camelCase, enums as names.</summary>
    public static readonly JsonSerializerOptions Control = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>
/// Writes a decimal the way Json.NET writes a .NET decimal: always with a fractional part, so an id 12345 is
/// <c>12345.0</c>. Clients that read ids as integers break on this, which is the point (channels.md D4).
/// </summary>
internal sealed class JsonNetDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        writer.WriteRawValue(text.Contains('.') ? text : text + ".0", skipInputValidation: true);
    }
}

/// <summary>Dates as the portal's samples show them (<c>2016-11-18T16:28:01</c>): UTC, whole seconds, no offset.</summary>
internal sealed class EcomdashDateConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}
