using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulfilment.Channels.Ecomdash.Dtos;

/// <summary>
/// The JSON Ecomdash speaks (ASP.NET Web API with Json.NET): PascalCase members read case-insensitively, lower-case
/// envelope members, ids and quantities as decimals (<c>86901.0</c>), numbers sometimes as strings, and dates without
/// an offset, which are UTC.
/// </summary>
internal static class EcomdashJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new UtcDateConverter() },
    };

    /// <summary>Dates as Ecomdash writes them (<c>2016-11-18T16:28:01</c>): no offset means UTC, never the server's zone.</summary>
    private sealed class UtcDateConverter : JsonConverter<DateTimeOffset>
    {
        public const string Format = "yyyy-MM-dd'T'HH:mm:ss";

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
                ? value
                : throw new JsonException($"'{text}' is not a date.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
