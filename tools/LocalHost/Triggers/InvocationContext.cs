using System.Globalization;
using System.Text.Json.Nodes;
using LocalHost.Configuration;

namespace LocalHost.Triggers;

/// <summary>Runs one invocation through the handler (in-flight tracking, outputs, InvocationCompleted) and reports it.</summary>
internal delegate Task<InvocationResult> ExecuteInvocation(
    FunctionDefinition function, string trigger, JsonObject data, JsonObject metadata, CancellationToken ct);

/// <summary>Metadata values shaped like the real host's: it turns each value into a JObject or else a JSON string of it.</summary>
internal static class MetadataValues
{
    /// <summary>Json.NET's default date format, which the real host's metadata dates come out in.</summary>
    public static string Date(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The real host's `sys` entry: {MethodName, UtcNow, RandGuid}.</summary>
    public static JsonObject Sys(string functionName) => new()
    {
        ["MethodName"] = functionName,
        ["UtcNow"] = Date(DateTime.UtcNow),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };
}
