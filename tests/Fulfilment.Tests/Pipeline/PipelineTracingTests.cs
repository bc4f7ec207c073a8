using System.Diagnostics;
using Fulfilment.Pipeline;

namespace Fulfilment.Tests.Pipeline;

public sealed class PipelineTracingTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == PipelineTracing.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public PipelineTracingTests() => ActivitySource.AddActivityListener(_listener);

    [Fact]
    public void A_step_continues_the_trace_its_message_carried()
    {
        string traceParent;
        using (var poll = PipelineTracing.Source.StartActivity("PollConnection"))
            traceParent = PipelineTracing.CurrentTraceParent()!;

        using var step = PipelineTracing.StartStep("NormaliseOrder", traceParent);

        Assert.Equal(ActivityContext.Parse(traceParent, null).TraceId, step!.TraceId);
    }

    [Fact]
    public void A_carrier_batch_links_to_every_order_trace()
    {
        var orders = Enumerable.Range(0, 3).Select(_ =>
        {
            using var poll = PipelineTracing.Source.StartActivity("PollConnection", ActivityKind.Consumer, default(ActivityContext));
            return poll!.Id;
        }).ToList();

        using var batch = PipelineTracing.StartBatch("CreateCarrierBatch", orders.Append(null).Append("garbage"));

        Assert.Equal(orders.Select(o => ActivityContext.Parse(o!, null).TraceId), batch!.Links.Select(l => l.Context.TraceId));
    }

    public void Dispose() => _listener.Dispose();
}
