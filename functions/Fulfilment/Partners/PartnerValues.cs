namespace Fulfilment.Partners;

/// <summary>
/// Applies a change to a partner's fields: a value given replaces the stored one, null clears it, an absent field keeps
/// it. Unknown fields, values that break a field's rules, and required fields left empty are errors, named by field.
/// </summary>
public static class PartnerValues
{
    public static (Dictionary<string, string> Values, IReadOnlyList<string> Errors) Apply(
        IReadOnlyList<PartnerField> fields, IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string?>? change, string what)
    {
        var values = new Dictionary<string, string>(stored, StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        foreach (var (name, raw) in change ?? new Dictionary<string, string?>())
        {
            var field = fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                errors.Add($"{what} has no field '{name}'; its fields are {Describe(fields)}");
                continue;
            }
            var value = raw?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                values.Remove(field.Name);
                continue;
            }
            if (ProblemOf(field, value) is { } problem)
            {
                errors.Add($"{field.Name} {problem}");
                continue;
            }
            values[field.Name] = value;
        }
        foreach (var field in fields.Where(f => f.Required && !values.ContainsKey(f.Name)))
            errors.Add($"{field.Name} is required: {field.Description}");
        return (values, errors);
    }

    private static string? ProblemOf(PartnerField field, string value)
    {
        if (value.Length > field.MaxLength)
            return $"is longer than {field.MaxLength} characters";
        if (value.Any(char.IsControl) || (field.Secret && value.Any(char.IsWhiteSpace)))
            return field.Secret ? "must not contain spaces or control characters" : "must not contain control characters";
        return field.Check?.Invoke(value);
    }

    private static string Describe(IReadOnlyList<PartnerField> fields) =>
        fields.Count == 0 ? "none" : string.Join(", ", fields.Select(f => f.Name));
}
