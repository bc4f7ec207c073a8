using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Sandbox.ClickAndDrop.ClickAndDropOrderValidator;

namespace Sandbox.ClickAndDrop;

/// <summary>Field checks for <see cref="ClickAndDropOrderValidator"/>: each adds an error and returns the value when it is usable.</summary>
internal sealed class ClickAndDropFieldChecker(List<ClickAndDropValidationError> errors)
{
    public string? String(JsonObject parent, string name, int max, bool required = false, string prefix = "")
    {
        var field = prefix + name;
        switch (parent[name])
        {
            case null:
                if (required) errors.Add(new(Required, $"{field} is required.", [(field, null)]));
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (required && string.IsNullOrWhiteSpace(text))
                    errors.Add(new(Required, $"{field} is required.", [(field, text)]));
                else if (text.Length > max)
                    errors.Add(new(TooLong, $"{field} must be at most {max} characters.", [(field, text)]));
                return text;
            case var other:
                errors.Add(new(InvalidValue, $"{field} must be a string.", [(field, other.ToJsonString())]));
                return null;
        }
    }

    public void Enum(JsonObject parent, string name, IReadOnlySet<string> allowed, bool required = false, string prefix = "")
    {
        var text = String(parent, name, int.MaxValue, required, prefix);
        if (text is not null && !allowed.Contains(text))
            errors.Add(new(InvalidValue, $"{prefix + name} must be one of {string.Join(", ", allowed)}.", [(prefix + name, text)]));
    }

    public void Number(JsonObject parent, string name, decimal min, decimal max, bool required = false, string prefix = "")
    {
        var field = prefix + name;
        switch (parent[name])
        {
            case null:
                if (required) errors.Add(new(Required, $"{field} is required.", [(field, null)]));
                return;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                var number = value.GetValue<decimal>();
                if (number < min || number > max)
                    errors.Add(new(OutOfRange, $"{field} must be between {min} and {max}.", [(field, number.ToString(CultureInfo.InvariantCulture))]));
                return;
            case var other:
                errors.Add(new(InvalidValue, $"{field} must be a number.", [(field, other.ToJsonString())]));
                return;
        }
    }

    public void Integer(JsonObject parent, string name, long min, long max, bool required = false, string prefix = "")
    {
        var field = prefix + name;
        switch (parent[name])
        {
            case null:
                if (required) errors.Add(new(Required, $"{field} is required.", [(field, null)]));
                return;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number):
                if (number < min || number > max)
                    errors.Add(new(OutOfRange, $"{field} must be between {min} and {max}.", [(field, number.ToString(CultureInfo.InvariantCulture))]));
                return;
            case var other:
                errors.Add(new(InvalidValue, $"{field} must be an integer.", [(field, other.ToJsonString())]));
                return;
        }
    }

    public void DateTime(JsonObject parent, string name, bool required = false, string prefix = "")
    {
        var text = String(parent, name, int.MaxValue, required, prefix);
        if (text is not null && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            errors.Add(new(InvalidValue, $"{prefix + name} must be a date-time.", [(prefix + name, text)]));
    }

    /// <summary>A JSON true or false; null when absent (an error when it is something else).</summary>
    public bool? Boolean(JsonObject parent, string name, bool required = false, string prefix = "")
    {
        var field = prefix + name;
        switch (parent[name])
        {
            case null:
                if (required) errors.Add(new(Required, $"{field} is required.", [(field, null)]));
                return null;
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return value.GetValue<bool>();
            case var other:
                errors.Add(new(InvalidValue, $"{field} must be true or false.", [(field, other.ToJsonString())]));
                return null;
        }
    }

    public JsonObject? Object(JsonObject parent, string name, bool required = false, string prefix = "")
    {
        var field = prefix + name;
        switch (parent[name])
        {
            case null:
                if (required) errors.Add(new(Required, $"{field} is required.", [(field, null)]));
                return null;
            case JsonObject obj:
                return obj;
            default:
                errors.Add(new(InvalidValue, $"{field} must be an object.", [(field, null)]));
                return null;
        }
    }

    public JsonArray? Array(JsonObject parent, string name, string prefix = "")
    {
        switch (parent[name])
        {
            case null:
                return null;
            case JsonArray array:
                return array;
            default:
                errors.Add(new(InvalidValue, $"{prefix + name} must be an array.", [(prefix + name, null)]));
                return null;
        }
    }
}
