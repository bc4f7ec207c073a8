using System.Diagnostics;

namespace LocalHost.Invocation;

/// <summary>W3C traceparent values for invocations: a new span in the caller's trace when there is one, else a new trace.</summary>
internal static class TraceParent
{
    public static string NewChild(string? parent)
    {
        var traceId = parent is not null && ActivityContext.TryParse(parent, null, out var context)
            ? context.TraceId
            : ActivityTraceId.CreateRandom();
        return $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
    }
}
