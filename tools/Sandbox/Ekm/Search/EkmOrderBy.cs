using System.Text.Json;

namespace Sandbox.Ekm.Search;

/// <summary>
/// The <c>orderby</c> parameter: any field of the response, <c>-field</c> for descending (as the spec's OData notes say).
/// Ties keep id order. An unknown field is refused with a 400 (the real API's answer is UNCONFIRMED).
/// </summary>
internal static class EkmOrderBy
{
    public static bool TryCreate(string? orderBy, EkmSearchSchema schema, out Comparison<JsonElement>? comparison)
    {
        comparison = null;
        if (string.IsNullOrWhiteSpace(orderBy))
            return true;
        var descending = orderBy.StartsWith('-');
        var field = descending ? orderBy[1..] : orderBy;
        if (!schema.TryGetType(field, out var type))
            return false;
        comparison = (a, b) =>
        {
            var order = EkmValue.Compare(EkmSearchSchema.Read(a, field, type), EkmSearchSchema.Read(b, field, type));
            return descending ? -order : order;
        };
        return true;
    }
}
