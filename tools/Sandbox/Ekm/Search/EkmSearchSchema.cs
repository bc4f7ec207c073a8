using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Sandbox.Ekm.Search;

/// <summary>The type of a searchable field, which decides how a literal compared with it is read.</summary>
internal enum EkmFieldType
{
    String,
    Number,
    Boolean,
    Date,
}

/// <summary>
/// The fields a search <c>query</c> or <c>orderby</c> may name: every field of the response model, nested objects as
/// <c>shipping_address/country</c> (OData's member path). Built from the wire model, so it cannot drift from the JSON.
/// </summary>
internal sealed class EkmSearchSchema
{
    private readonly Dictionary<string, EkmFieldType> _fields;

    private EkmSearchSchema(Dictionary<string, EkmFieldType> fields) => _fields = fields;

    public static EkmSearchSchema For<T>()
    {
        var fields = new Dictionary<string, EkmFieldType>(StringComparer.Ordinal);
        Collect(typeof(T), "", fields);
        return new EkmSearchSchema(fields);
    }

    public bool TryGetType(string path, out EkmFieldType type) => _fields.TryGetValue(path, out type);

    /// <summary>The field's value in an entity serialized with <see cref="EkmJson.Wire"/>.</summary>
    public static EkmValue Read(JsonElement entity, string path, EkmFieldType type)
    {
        var element = entity;
        foreach (var name in path.Split('/'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return EkmValue.Null;
        }
        if (element.ValueKind == JsonValueKind.Null)
            return EkmValue.Null;
        return type switch
        {
            EkmFieldType.String => EkmValue.Of(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText()),
            EkmFieldType.Number => EkmValue.Of(element.GetDouble()),
            EkmFieldType.Boolean => EkmValue.Of(element.GetBoolean()),
            _ => EkmValue.Of(DateTimeOffset.Parse(element.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)),
        };
    }

    private static void Collect(Type type, string prefix, Dictionary<string, EkmFieldType> fields)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = prefix + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            var clr = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (clr == typeof(string) || clr == typeof(Guid))
                fields[name] = EkmFieldType.String;
            else if (clr == typeof(bool))
                fields[name] = EkmFieldType.Boolean;
            else if (clr == typeof(DateTime) || clr == typeof(DateTimeOffset))
                fields[name] = EkmFieldType.Date;
            else if (clr.IsPrimitive || clr == typeof(decimal))
                fields[name] = EkmFieldType.Number;
            else if (clr.IsClass && clr.Assembly == typeof(EkmSearchSchema).Assembly)
                Collect(clr, name + "/", fields); // a nested wire model, e.g. shipping_address
            // Anything else (options, variants, ...) is not searchable in the simulator.
        }
    }
}

/// <summary>A value in a search: a field's or a literal's, typed, or null.</summary>
internal readonly record struct EkmValue(EkmFieldType? Type, string? Text, double Number, bool Boolean, DateTimeOffset Date)
{
    public static EkmValue Null { get; } = new(null, null, 0, false, default);

    public bool IsNull => Type is null;

    public static EkmValue Of(string text) => new(EkmFieldType.String, text, 0, false, default);
    public static EkmValue Of(double number) => new(EkmFieldType.Number, null, number, false, default);
    public static EkmValue Of(bool value) => new(EkmFieldType.Boolean, null, 0, value, default);
    public static EkmValue Of(DateTimeOffset date) => new(EkmFieldType.Date, null, 0, false, date);

    /// <summary>Orders two values of the same type (nulls first), as a sort or a comparison needs.</summary>
    public static int Compare(EkmValue a, EkmValue b)
    {
        if (a.IsNull || b.IsNull)
            return a.IsNull == b.IsNull ? 0 : a.IsNull ? -1 : 1;
        return a.Type switch
        {
            EkmFieldType.String => string.CompareOrdinal(a.Text, b.Text),
            EkmFieldType.Number => a.Number.CompareTo(b.Number),
            EkmFieldType.Boolean => a.Boolean.CompareTo(b.Boolean),
            _ => a.Date.CompareTo(b.Date),
        };
    }
}
