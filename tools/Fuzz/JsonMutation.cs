using System.Text.Json.Nodes;

namespace Fuzz;

/// <summary>Changes one place of a valid JSON body: a value of another type, a field removed, or a field added.</summary>
public static class JsonMutation
{
    public static string Apply(string template, int at, int how, string value)
    {
        var root = JsonNode.Parse(template)!;
        var places = new List<(JsonNode Parent, object Key)>();
        Collect(root, places);
        JsonNode? replacement;
        try
        {
            replacement = JsonNode.Parse(value);
        }
        catch (System.Text.Json.JsonException)
        {
            // Numbers beyond double (1e400) parse as raw text in a document but not always as a node; keep the text.
            return template.Length > 2 ? template[..^1] + ",\"x\":" + value + template[^1] : value;
        }
        if (places.Count == 0)
            return value;
        var (parent, key) = places[at % places.Count];
        switch (parent, key, how)
        {
            case (JsonObject o, string k, 0):
                o.Remove(k);
                break;
            case (JsonObject o, string k, 1):
                o[k] = replacement;
                break;
            case (JsonObject o, string k, _):
                o[k + "_"] = replacement;
                break;
            case (JsonArray a, int i, 0):
                a.RemoveAt(i);
                break;
            case (JsonArray a, int i, _):
                a[i] = replacement;
                break;
        }
        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> places)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    places.Add((o, k));
                    if (v is not null)
                        Collect(v, places);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    places.Add((a, i));
                    if (a[i] is { } v)
                        Collect(v, places);
                }
                break;
        }
    }
}
