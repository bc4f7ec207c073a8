using System.Globalization;

namespace Sandbox.ClickAndDrop;

/// <summary>One parsed entry of an <c>{orderIdentifiers}</c> segment: a Click &amp; Drop order id or one of the caller's references.</summary>
public sealed record ClickAndDropIdentifier(long? OrderIdentifier, string? OrderReference);

/// <summary>
/// Parses a raw (still percent-encoded) <c>{orderIdentifiers}</c> segment: split on literal ';' first (a ';' inside a
/// reference arrives percent-encoded), then decode each part; a quoted part is a reference, an integer part an order id.
/// </summary>
public static class ClickAndDropIdentifierParser
{
    public const int MaxIdentifiers = 100;

    /// <summary>Parses the segment; returns false with a reason for an empty or malformed entry.</summary>
    public static bool TryParse(string rawSegment, out IReadOnlyList<ClickAndDropIdentifier> identifiers, out string? error)
    {
        var result = new List<ClickAndDropIdentifier>();
        identifiers = result;
        error = null;
        foreach (var raw in rawSegment.Split(';'))
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
