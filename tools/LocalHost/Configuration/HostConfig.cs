using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalHost.Configuration;

/// <summary>The parts of host.json the local host honours.</summary>
internal sealed record HostConfig(
    string ExecutablePath,
    string WorkingDirectory,
    IReadOnlyList<string> Arguments,
    bool EnableForwardingHttpRequest,
    string RoutePrefix,
    QueueSettings Queues,
    TimeSpan FunctionTimeout)
{
    /// <summary>The documented default for Consumption-style plans (and Core Tools).</summary>
    public static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The app-setting prefix the real host reads host.json overrides from (AzureFunctionsJobHost__a__b = host.json a.b).</summary>
    public const string OverridePrefix = "AzureFunctionsJobHost__";

    public static HostConfig Load(string scriptRoot, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var path = Path.Combine(scriptRoot, "host.json");
        if (!File.Exists(path))
            throw new InvalidOperationException($"host.json not found in script root '{scriptRoot}'.");

        using var doc = JsonDocument.Parse(ApplyOverrides(File.ReadAllText(path), settings), JsonFile.Options);
        var root = doc.RootElement;

        if (!JsonFile.TryGetObject(root, "customHandler", out var customHandler)
            || !JsonFile.TryGetObject(customHandler, "description", out var description))
            throw new InvalidOperationException("host.json has no customHandler.description section.");

        var executable = JsonFile.GetString(description, "defaultExecutablePath")
            ?? throw new InvalidOperationException("host.json customHandler.description.defaultExecutablePath is missing.");
        var workingDirectory = JsonFile.GetString(description, "workingDirectory") ?? "";
        var arguments = JsonFile.TryGetArray(description, "arguments", out var args)
            ? args.EnumerateArray().Select(a => a.GetString() ?? "").ToList()
            : new List<string>();
        var forwarding = JsonFile.GetBool(customHandler, "enableForwardingHttpRequest") ?? false;

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

        return new HostConfig(executable, workingDirectory, arguments, forwarding, routePrefix, queues, timeout);
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

/// <summary>extensions.queues in host.json, with the Storage extension 5.x defaults.</summary>
internal sealed record QueueSettings(
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int MaxDequeueCount,
    bool Base64)
{
    /// <summary>Real default newBatchThreshold is batchSize/2 × vCPUs; locally we count one vCPU.</summary>
    public static QueueSettings Default { get; } = new(16, 8, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5, true);

    public static QueueSettings Parse(JsonElement q)
    {
        var batchSize = JsonFile.GetInt(q, "batchSize") ?? 16;
        if (batchSize is < 1 or > 32)
            throw new InvalidOperationException($"host.json extensions.queues.batchSize must be 1..32, was {batchSize}.");
        var threshold = JsonFile.GetInt(q, "newBatchThreshold") ?? batchSize / 2;
        var maxPolling = JsonFile.GetString(q, "maxPollingInterval") is { } mp
            ? HostConfig.ParseTimeSpan(mp, "extensions.queues.maxPollingInterval")
            : TimeSpan.FromMinutes(1);
        if (maxPolling < TimeSpan.FromMilliseconds(100))
            maxPolling = TimeSpan.FromMilliseconds(100); // the real host's minimum
        var visibility = JsonFile.GetString(q, "visibilityTimeout") is { } vt
            ? HostConfig.ParseTimeSpan(vt, "extensions.queues.visibilityTimeout")
            : TimeSpan.Zero;
        var maxDequeue = JsonFile.GetInt(q, "maxDequeueCount") ?? 5;
        var encoding = JsonFile.GetString(q, "messageEncoding") ?? "base64";
        var base64 = encoding.ToLowerInvariant() switch
        {
            "base64" => true,
            "none" => false,
            _ => throw new InvalidOperationException($"host.json extensions.queues.messageEncoding must be base64 or none, was '{encoding}'."),
        };
        return new QueueSettings(batchSize, threshold, maxPolling, visibility, maxDequeue, base64);
    }
}
