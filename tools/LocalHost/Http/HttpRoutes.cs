using LocalHost.Configuration;

namespace LocalHost.Http;

/// <summary>An HTTP-triggered function's route: template under the route prefix, allowed methods, auth level.</summary>
internal sealed record HttpRoute(FunctionDefinition Function, string Template, IReadOnlyList<string> Methods, string AuthLevel)
{
    public string Pattern(string routePrefix) => routePrefix.Length == 0 ? "/" + Template : $"/{routePrefix}/{Template}";

    /// <summary>Routes of the given functions, checked as the real host checks them at start.</summary>
    public static IReadOnlyList<HttpRoute> For(IEnumerable<FunctionDefinition> functions)
    {
        var routes = new List<HttpRoute>();
        foreach (var function in functions.Where(f => f.Trigger.Is("httpTrigger")))
        {
            var trigger = function.Trigger;
            var template = (string.IsNullOrWhiteSpace(trigger.Get("route")) ? function.Name : trigger.Get("route")!).Trim('/');
            // The real host reserves these for its own endpoints and refuses to start with this message.
            var lower = template.ToLowerInvariant();
            if (lower.StartsWith("admin", StringComparison.Ordinal) || lower.StartsWith("runtime", StringComparison.Ordinal))
                throw new InvalidOperationException($"Function '{function.Name}': The specified route conflicts with one or more built in routes.");
            var methods = JsonFile.TryGetArray(trigger.Raw, "methods", out var m)
                ? m.EnumerateArray().Select(x => (x.GetString() ?? "").ToUpperInvariant()).Where(x => x.Length > 0).ToList()
                : [];
            var route = new HttpRoute(function, template, methods, trigger.Get("authLevel") ?? "function");
            if (routes.FirstOrDefault(r => r.ConflictsWith(route)) is { } other)
                throw new InvalidOperationException($"Function '{function.Name}': The route specified conflicts with the route defined by function '{other.Function.Name}'.");
            routes.Add(route);
        }
        return routes;
    }

    /// <summary>Same template and overlapping methods (no methods = all methods), as the real host defines a conflict.</summary>
    private bool ConflictsWith(HttpRoute other) =>
        string.Equals(Template, other.Template, StringComparison.OrdinalIgnoreCase)
        && (Methods.Count == 0 || other.Methods.Count == 0 || Methods.Intersect(other.Methods).Any());
}
