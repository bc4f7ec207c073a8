using System.Text.Json;
using System.Text.RegularExpressions;

namespace LocalHost.Configuration;

/// <summary>
/// App settings as the worker and the bindings see them: local.settings.json Values, overridden by settings given
/// in code, falling back to this process's environment (as the real host's configuration does).
/// </summary>
internal sealed partial class AppSettings
{
    private readonly Dictionary<string, string?> _values;

    private AppSettings(Dictionary<string, string?> values, string? masterKey, string? functionKey)
    {
        _values = values;
        MasterKey = masterKey;
        FunctionKey = functionKey;
    }

    /// <summary>Only the explicitly configured values (file + code), which become the worker's environment.</summary>
    public IReadOnlyDictionary<string, string?> Values => _values;

    /// <summary>From the settings file's Keys section; null when not configured there.</summary>
    public string? MasterKey { get; }
    public string? FunctionKey { get; }

    public static AppSettings Load(string? settingsFile, IDictionary<string, string?>? fromCode)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string? master = null, function = null;
        if (settingsFile is not null)
        {
            if (!File.Exists(settingsFile))
                throw new InvalidOperationException($"Settings file '{settingsFile}' not found.");
            using var doc = JsonDocument.Parse(File.ReadAllText(settingsFile), JsonFile.Options);
            if (JsonFile.GetBool(doc.RootElement, "IsEncrypted") == true)
                throw new InvalidOperationException($"'{settingsFile}' is encrypted; the local host reads only plain settings.");
            if (JsonFile.TryGetObject(doc.RootElement, "Values", out var v))
                foreach (var p in v.EnumerateObject())
                    values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
            // "Keys" is our own section (Core Tools has none: it does not enforce auth locally).
            if (JsonFile.TryGetObject(doc.RootElement, "Keys", out var keys))
            {
                master = JsonFile.GetString(keys, "master");
                function = JsonFile.GetString(keys, "default");
            }
        }
        if (fromCode is not null)
            foreach (var (k, val) in fromCode)
                values[k] = val;
        return new AppSettings(values, master, function);
    }

    /// <summary>A setting by name; `:` and `__` are the same separator, as in .NET configuration.</summary>
    public string? Get(string name)
    {
        foreach (var candidate in new[] { name, name.Replace(":", "__"), name.Replace("__", ":") })
        {
            if (_values.TryGetValue(candidate, out var v))
                return v;
            if (Environment.GetEnvironmentVariable(candidate) is { } env)
                return env;
        }
        return null;
    }

    /// <summary>Replaces every %Name% with its setting; a missing setting is an error naming it.</summary>
    public string Resolve(string value, string context) =>
        SettingReference().Replace(value, m =>
            Get(m.Groups[1].Value)
            ?? throw new InvalidOperationException($"{context}: app setting '{m.Groups[1].Value}' is not defined."));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
