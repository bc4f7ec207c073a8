using System.Text.Json;

namespace Fulfilment.Functions.Host;

/// <summary>A queue message we cannot understand; it is moved to the poison queue, never retried.</summary>
public sealed class UnreadableMessageException(string message, string? rawText, Exception? inner = null) : Exception(message, inner)
{
    public string? RawText { get; } = rawText;
}

/// <summary>
/// Decodes a queue trigger's binding value. The host sends a string message JSON-encoded inside a JSON string
/// (extra quotes), so the value is unwrapped until it is the message's own JSON.
/// </summary>
public static class QueueMessageDecoder
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The message text as the producer wrote it.</summary>
    public static string RawText(JsonElement bindingValue)
    {
        var value = bindingValue;
        // At most two string layers: the host's JSON encoding of the string, and a producer that sent a JSON string.
        for (var depth = 0; depth < 2 && value.ValueKind == JsonValueKind.String; depth++)
        {
            var text = value.GetString()!;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind != JsonValueKind.String)
                    return text;
                value = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return text;
            }
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    public static T Decode<T>(JsonElement bindingValue) where T : class
    {
        var text = RawText(bindingValue);
        T? message;
        try
        {
            message = JsonSerializer.Deserialize<T>(text, Json);
        }
        catch (JsonException ex)
        {
            throw new UnreadableMessageException($"The message is not a valid {typeof(T).Name}: {ex.Message}", text, ex);
        }
        if (message is null)
            throw new UnreadableMessageException($"The message is empty; expected a {typeof(T).Name}.", text);
        var missing = RequiredText<T>.Properties
            .Where(p => p.GetValue(message) is null or "")
            .Select(p => p.Name)
            .ToList();
        if (missing.Count > 0)
            throw new UnreadableMessageException($"The {typeof(T).Name} lacks {string.Join(", ", missing)}.", text);
        return message;
    }

    /// <summary>The non-nullable string properties of a message type, found once per type rather than per message.</summary>
    private static class RequiredText<T>
    {
        public static readonly System.Reflection.PropertyInfo[] Properties = typeof(T).GetProperties()
            .Where(p => p.PropertyType == typeof(string)
                && new System.Reflection.NullabilityInfoContext().Create(p).WriteState != System.Reflection.NullabilityState.Nullable)
            .ToArray();
    }
}
