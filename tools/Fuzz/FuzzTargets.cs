using System.Text.Json;

namespace Fuzz;

/// <summary>An HTTP function as the SDK described it in functions.metadata: its route template, methods and auth level.</summary>
public sealed record HttpTarget(string Function, string Route, IReadOnlyList<string> Methods, string AuthLevel)
{
    public bool NeedsKey => !AuthLevel.Equals("anonymous", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A queue-triggered function and the queue it reads.</summary>
public sealed record QueueTarget(string Function, string Queue);

/// <summary>
/// Every HTTP and queue function of the app, read from the functions.metadata the SDK writes at build time, so a new
/// function is fuzzed without editing the fuzzer.
/// </summary>
public static class FuzzTargets
{
    public static (IReadOnlyList<HttpTarget> Http, IReadOnlyList<QueueTarget> Queues) Load(string appDirectory)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(appDirectory, "functions.metadata")));
        var http = new List<HttpTarget>();
        var queues = new List<QueueTarget>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                var type = binding.GetProperty("type").GetString();
                if (string.Equals(type, "httpTrigger", StringComparison.OrdinalIgnoreCase))
                    http.Add(new HttpTarget(name,
                        binding.TryGetProperty("route", out var route) ? route.GetString() ?? name : name,
                        binding.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList() : ["GET", "POST"],
                        binding.TryGetProperty("authLevel", out var auth) ? auth.GetString() ?? "Function" : "Function"));
                else if (string.Equals(type, "queueTrigger", StringComparison.OrdinalIgnoreCase))
                    queues.Add(new QueueTarget(name, binding.GetProperty("queueName").GetString()!));
            }
        }
        return (http.OrderBy(t => t.Function, StringComparer.Ordinal).ToList(), queues.OrderBy(t => t.Queue, StringComparer.Ordinal).ToList());
    }
}
