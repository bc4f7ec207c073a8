using System.Diagnostics;
using Fulfilment.Pipeline;

namespace Fulfilment.DeployTests;

/// <summary>
/// What gives App Insights one operation id across queue messages: a step started from a message's TraceParent joins
/// that trace even inside the host request's own activity, and what it sends on carries the same trace.
/// </summary>
public sealed class OperationIdTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == PipelineTracing.SourceName || source.Name == "DeployTests.Host",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private static readonly ActivitySource Host = new("DeployTests.Host");

    public OperationIdTests() => ActivitySource.AddActivityListener(_listener);

    [Fact]
    public void A_step_joins_the_trace_its_message_carried_not_the_invocation_request()
    {
        string carried;
        using (var poll = PipelineTracing.StartStep("PollConnection", null))
            carried = PipelineTracing.CurrentTraceParent()!;

        // The queue-triggered invocation runs inside the worker's own invocation activity, on the host's trace.
        using var request = Host.StartActivity("Invoke NormaliseOrder", ActivityKind.Server);
        using var step = PipelineTracing.StartStep("NormaliseOrder", carried);

        Assert.NotNull(step);
        Assert.Equal(ActivityContext.Parse(carried, null).TraceId, step.TraceId);
        Assert.NotEqual(request!.TraceId, step.TraceId);
        // What the step enqueues next (the write-back's TraceParent) stays in the same operation.
        Assert.Equal(step.TraceId, ActivityContext.Parse(PipelineTracing.CurrentTraceParent()!, null).TraceId);
    }

    [Fact]
    public void A_message_without_trace_context_starts_under_the_current_activity()
    {
        using var request = Host.StartActivity("Invoke PollConnection", ActivityKind.Server);
        using var step = PipelineTracing.StartStep("PollConnection", null);
        Assert.Equal(request!.TraceId, step!.TraceId);
    }

    public void Dispose() => _listener.Dispose();
}
