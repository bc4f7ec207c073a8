using System.Diagnostics;

namespace Fulfilment.Pipeline;

/// <summary>One ActivitySource for the pipeline, and the trace context carried across queue messages.</summary>
public static class PipelineTracing
{
    public const string SourceName = "Fulfilment.Pipeline";
    public static readonly ActivitySource Source = new(SourceName);

    public static string? CurrentTraceParent() => Activity.Current?.Id;

    /// <summary>
    /// Starts an activity for work done by a timer for many orders at once (a carrier batch), linked to each order's
    /// trace so every order's operation shows the call that created its shipment.
    /// </summary>
    public static Activity? StartBatch(string name, IEnumerable<string?> orderTraceParents)
    {
        var links = new List<ActivityLink>();
        foreach (var traceParent in orderTraceParents)
            if (ActivityContext.TryParse(traceParent, null, out var context))
                links.Add(new ActivityLink(context));
        return Source.StartActivity(name, ActivityKind.Client, Activity.Current?.Context ?? default, links: links);
    }

    /// <summary>Starts a step's activity as a child of the trace a message carried (or a new trace).</summary>
    public static Activity? StartStep(string name, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, out var parent);
        return Source.StartActivity(name, ActivityKind.Consumer, parent);
    }
}
