using System.Globalization;

namespace Sandbox.ClickAndDrop;

/// <summary>One parsed entry of an <c>{orderIdentifiers}</c> segment: a Click &amp; Drop order id or one of the caller's references.</summary>
public sealed record ClickAndDropIdentifier(long? OrderIdentifier, string? OrderReference);

/// <summary>
/// Parses <c>{orderIdentifiers}</c> from the raw request target: split on literal ';' first (a ';' inside a reference
/// arrives percent-encoded), then decode each part; a quoted part is a reference, an integer part an order id.
/// Routing sees the decoded path, where "A%3BB" has already become "A;B", so the raw target is the only safe source.
/// </summary>
public static class ClickAndDropIdentifierParser
{
    public const int MaxIdentifiers = 100;

    /// <summary>The raw segment after <c>/orders/</c> in <paramref name="rawTarget"/> (query and later segments cut off).</summary>
    public static string? RawSegment(string rawTarget)
    {
        var path = rawTarget.Split('?', 2)[0];
        var at = path.IndexOf("/orders/", StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = path[(at + "/orders/".Length)..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? rest : rest[..slash];
    }

    /// <summary>Parses the segment; returns false with a reason for an empty or malformed entry.</summary>
    public static bool TryParse(string segment, out IReadOnlyList<ClickAndDropIdentifier> identifiers, out string? error)
    {
        var result = new List<ClickAndDropIdentifier>();
        identifiers = result;
        error = null;
        foreach (var raw in segment.Split(';'))
        {
            var part = Uri.UnescapeDataString(raw);
            if (part.Length >= 2 && part[0] == '"' && part[^1] == '"')
                result.Add(new(null, part[1..^1]));
            else if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                result.Add(new(id, null));
            else
            {
                error = $"'{part}' is neither an order identifier (integer) nor a quoted order reference.";
                return false;
            }
        }
        return true;
    }
}
