using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalHost.Configuration;

/// <summary>The parts of host.json the local host honours, after AzureFunctionsJobHost__ overrides.</summary>
internal sealed record HostConfig(string RoutePrefix, QueueSettings Queues, TimeSpan FunctionTimeout)
{
    /// <summary>The documented default for Consumption-style plans (and Core Tools).</summary>
    public static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The app-setting prefix the real host reads host.json overrides from (AzureFunctionsJobHost__a__b = host.json a.b).</summary>
    public const string OverridePrefix = "AzureFunctionsJobHost__";

    public static HostConfig Load(string appDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
            throw new InvalidOperationException($"host.json not found in the app directory '{appDirectory}'.");

        using var doc = JsonDocument.Parse(ApplyOverrides(File.ReadAllText(path), settings), JsonFile.Options);
        var root = doc.RootElement;

        var routePrefix = "api";
        if (JsonFile.TryGetObject(root, "extensions", out var extensions)
            && JsonFile.TryGetObject(extensions, "http", out var http)
            && JsonFile.GetString(http, "routePrefix") is { } prefix)
            routePrefix = prefix.Trim('/');

        var queues = QueueSettings.Default;
        if (JsonFile.TryGetObject(root, "extensions", out extensions)
            && JsonFile.TryGetObject(extensions, "queues", out var q))
            queues = QueueSettings.Parse(q);

        var timeout = DefaultFunctionTimeout;
        if (JsonFile.GetString(root, "functionTimeout") is { } t)
            timeout = t.Trim() == "-1" ? Timeout.InfiniteTimeSpan : ParseTimeSpan(t, "functionTimeout");

        return new HostConfig(routePrefix, queues, timeout);
    }

    /// <summary>Applies AzureFunctionsJobHost__ settings onto host.json, matching existing names case-insensitively.</summary>
    internal static string ApplyOverrides(string hostJson, IReadOnlyDictionary<string, string?>? settings)
    {
        var overrides = (settings ?? new Dictionary<string, string?>())
            .Where(s => s.Key.StartsWith(OverridePrefix, StringComparison.OrdinalIgnoreCase) && s.Value is not null)
            .ToList();
        if (overrides.Count == 0)
            return hostJson;

        var root = JsonNode.Parse(hostJson, documentOptions: JsonFile.Options)!.AsObject();
        foreach (var (key, value) in overrides)
        {
            var path = key[OverridePrefix.Length..].Split("__", StringSplitOptions.RemoveEmptyEntries);
            var node = root;
            foreach (var segment in path[..^1])
            {
                var name = node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, segment, StringComparison.OrdinalIgnoreCase)) ?? segment;
                if (node[name] is not JsonObject child)
                    node[name] = child = new JsonObject();
                node = child;
            }
            var leaf = node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, path[^1], StringComparison.OrdinalIgnoreCase)) ?? path[^1];
            node[leaf] = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
                : bool.TryParse(value, out var flag) ? JsonValue.Create(flag)
                : JsonValue.Create(value);
        }
        return root.ToJsonString();
    }

    internal static TimeSpan ParseTimeSpan(string value, string name) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var ts)
            ? ts
            : throw new InvalidOperationException($"host.json {name} '{value}' is not a TimeSpan (hh:mm:ss).");
}
