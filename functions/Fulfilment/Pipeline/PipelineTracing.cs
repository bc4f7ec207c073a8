using System.Diagnostics;

namespace Fulfilment.Pipeline;

/// <summary>One ActivitySource for the pipeline, and the trace context carried across queue messages.</summary>
public static class PipelineTracing
{
    public const string SourceName = "Fulfilment.Pipeline";
    public static readonly ActivitySource Source = new(SourceName);

    public static string? CurrentTraceParent() => Activity.Current?.Id;

    /// <summary>Starts a step's activity as a child of the trace a message carried (or a new trace).</summary>
    public static Activity? StartStep(string name, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, out var parent);
        return Source.StartActivity(name, ActivityKind.Consumer, parent);
    }
}
