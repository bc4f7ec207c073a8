using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fulfilment.Storage;

namespace Fulfilment.DeployTests.Infrastructure;

/// <summary>
/// The settings the app reads, found the same way every time:
/// 1. options: every class in Fulfilment or Fulfilment.Functions whose name ends in "Options" and that declares a
///    <c>public const string Section</c> or <c>SectionName</c>; each public settable property is the key
///    <c>{Section}__{Property}</c> (scalars only: no options class has nested objects);
/// 2. every <c>%Name%</c> placeholder in a function.json (timer schedules);
/// 3. every <c>connection</c> in a function.json plus <see cref="StorageNames.ConnectionName"/>: a connection is one key
///    (a connection string, locally) or a group of <c>{Name}__*</c> keys (identity-based, in Azure);
/// 4. the host's and platform's own settings: <see cref="PlatformKeys"/>.
/// </summary>
public static partial class AppSettingsCatalogue
{
    /// <summary>
    /// Settings the Functions host, the platform or our telemetry read (not our options classes). Each line says who.
    /// </summary>
    public static readonly IReadOnlySet<string> PlatformKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "FUNCTIONS_WORKER_RUNTIME",                   // host: which worker (dotnet-isolated; Flex sets it from functionAppConfig)
        "FUNCTIONS_EXTENSION_VERSION",                // host version (~4) on plans other than Flex
        "WEBSITE_RUN_FROM_PACKAGE",                   // platform: run from the deployed zip (Elastic Premium)
        "APPLICATIONINSIGHTS_CONNECTION_STRING",      // host and Telemetry/TelemetrySettings.cs
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",  // host and Telemetry/TelemetrySettings.cs: Entra auth
    };

    /// <summary>The host's own storage connection; like our connections, one key or a group of AzureWebJobsStorage__* keys.</summary>
    public const string HostStorageConnection = "AzureWebJobsStorage";

    public static IReadOnlyList<Type> OptionsTypes() =>
        new[] { typeof(StorageNames).Assembly, typeof(Fulfilment.Functions.Middleware.FunctionTriggers).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Name.EndsWith("Options", StringComparison.Ordinal) && SectionOf(t) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    public static string? SectionOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string) && f.Name is "Section" or "SectionName")
            .Select(f => (string?)f.GetRawConstantValue())
            .FirstOrDefault();

    /// <summary>Keys of every options property, e.g. BigCommerce__ClientId.</summary>
    public static IReadOnlySet<string> OptionsKeys() =>
        OptionsTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.SetMethod is { IsPublic: true })
                .Select(p => $"{SectionOf(t)}__{p.Name}"))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The binding attributes on every function's parameters: what the SDK writes into functions.metadata.</summary>
    public static IReadOnlyList<Attribute> BindingAttributes() =>
        typeof(Fulfilment.Functions.Middleware.FunctionTriggers).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>() is not null)
            .SelectMany(m => m.GetParameters())
            .SelectMany(p => p.GetCustomAttributes())
            .Where(a => a is Microsoft.Azure.Functions.Worker.Extensions.Abstractions.BindingAttribute)
            .ToList();

    /// <summary>Names inside %...% in any trigger's schedule or queue name.</summary>
    public static IReadOnlySet<string> PlaceholderKeys() =>
        BindingAttributes()
            .Select(a => a switch
            {
                Microsoft.Azure.Functions.Worker.TimerTriggerAttribute timer => timer.Schedule,
                Microsoft.Azure.Functions.Worker.QueueTriggerAttribute queue => queue.QueueName,
                _ => "",
            })
            .SelectMany(text => Placeholder().Matches(text).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> ConnectionNames() =>
        BindingAttributes()
            .OfType<Microsoft.Azure.Functions.Worker.QueueTriggerAttribute>()
            .Select(q => q.Connection)
            .OfType<string>()
            .Append(StorageNames.ConnectionName)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a key is one the app reads (so not an unused setting).</summary>
    public static bool IsRead(string key) =>
        PlatformKeys.Contains(key)
        || OptionsKeys().Contains(key)
        || PlaceholderKeys().Contains(key)
        || ConnectionNames().Append(HostStorageConnection).Any(c => BelongsToConnection(key, c));

    public static bool BelongsToConnection(string key, string connection) =>
        key == connection || key.StartsWith(connection + "__", StringComparison.Ordinal);

    /// <summary>The Values of local.settings.sample.json.</summary>
    public static IReadOnlyDictionary<string, string> SampleValues() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.LocalSettingsSample))!["Values"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal);

    /// <summary>
    /// The app settings in infra/modules/functionApp.bicep: the top-level keys (two-space indent) of every
    /// <c>var *AppSettings = { ... }</c> object, with the Bicep value text.
    /// </summary>
    public static IReadOnlyDictionary<string, string> BicepAppSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var inBlock = false;
        foreach (var line in File.ReadLines(RepoPaths.FunctionAppBicep))
        {
            if (!inBlock)
            {
                inBlock = BicepSettingsBlock().IsMatch(line);
                continue;
            }
            if (line == "}")
            {
                inBlock = false;
                continue;
            }
            var entry = BicepEntry().Match(line);
            if (entry.Success)
                settings.Add(entry.Groups["key"].Value, entry.Groups["value"].Value.Trim());
            else if (!string.IsNullOrWhiteSpace(line) && !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                throw new InvalidOperationException($"Unexpected line in an app settings block of functionApp.bicep (keep one 'key: value' per line): {line}");
        }
        return settings;
    }

    [GeneratedRegex(@"%(?<name>[A-Za-z0-9_:.-]+)%")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^var \w+AppSettings = \{\s*$")]
    private static partial Regex BicepSettingsBlock();

    [GeneratedRegex(@"^  '?(?<key>[A-Za-z0-9_]+)'?: (?<value>.+)$")]
    private static partial Regex BicepEntry();
}
