using System.Globalization;
using System.Text.RegularExpressions;

namespace Fulfilment.Channels.Ecomdash;

/// <summary>
/// Reads the messages of a per-item operation: "Index 1: No active products with SKU 'aabbcc' were found." names the
/// element that failed (0-based, as the simulator counts; UNCONFIRMED: the portal's sample does not say); a message without an index concerns the whole call.
/// </summary>
public static partial class EcomdashItemMessages
{
    public static (IReadOnlyDictionary<int, string> ByIndex, IReadOnlyList<string> General) Parse(IEnumerable<string> messages)
    {
        var byIndex = new Dictionary<int, string>();
        var general = new List<string>();
        foreach (var message in messages)
        {
            var match = IndexPrefix().Match(message);
            if (match.Success && int.TryParse(match.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                byIndex[index] = byIndex.TryGetValue(index, out var earlier) ? $"{earlier} {match.Groups["text"].Value}" : match.Groups["text"].Value;
            else if (!string.IsNullOrWhiteSpace(message))
                general.Add(message.Trim());
        }
        return (byIndex, general);
    }

    [GeneratedRegex(@"^\s*Index\s+(?<index>\d+)\s*:\s*(?<text>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex IndexPrefix();
}
