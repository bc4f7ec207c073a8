using System.Globalization;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>
/// Builds the <c>{orderIdentifiers}</c> path segment: ids separated by ';', an integer for a Click &amp; Drop order id,
/// our reference percent-encoded and wrapped in double quotes (e.g. <c>"FF-1001-ab12cd34";1001</c>).
/// </summary>
public static class ClickAndDropIdentifiers
{
    /// <summary>The API's limit on identifiers per URL.</summary>
    public const int MaxPerRequest = 100;

    /// <summary>Keeps one lookup URL well under common 8 KB request-line limits whatever the references contain.</summary>
    public const int MaxSegmentLength = 6000;

    public static string FromReference(string reference) => "\"" + Uri.EscapeDataString(reference) + "\"";

    public static string FromOrderIdentifier(long orderIdentifier) => orderIdentifier.ToString(CultureInfo.InvariantCulture);

    public static string Join(IEnumerable<string> identifiers) => string.Join(';', identifiers);

    /// <summary>Splits formatted identifiers into groups of at most <see cref="MaxPerRequest"/> that fit one URL.</summary>
    public static IEnumerable<IReadOnlyList<string>> Chunk(IEnumerable<string> identifiers, int maxPerRequest = MaxPerRequest)
    {
        var current = new List<string>();
        var length = 0;
        foreach (var id in identifiers)
        {
            if (current.Count > 0 && (current.Count >= maxPerRequest || length + 1 + id.Length > MaxSegmentLength))
            {
                yield return current;
                current = [];
                length = 0;
            }
            length += (current.Count > 0 ? 1 : 0) + id.Length;
            current.Add(id);
        }
        if (current.Count > 0)
            yield return current;
    }
}
