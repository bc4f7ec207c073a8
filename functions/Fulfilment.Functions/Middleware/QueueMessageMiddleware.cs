using System.Diagnostics;
using Fulfilment.Failures;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Context.Features;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Fulfilment.Functions.Middleware;

/// <summary>
/// For queue-triggered functions: binds the message first, so that an unreadable one is recorded at once as a rejected
/// message among the failures (retrying cannot fix it; ops see it with its text and cause) instead of failing five
/// times into a poison queue; then runs the function inside the trace the message carries, with the message's ids on
/// every log line.
/// </summary>
public sealed class QueueMessageMiddleware(IFailureStore failures, TimeProvider time, ILogger<QueueMessageMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var binding = context.Features.Get<IFunctionInputBindingFeature>()
            ?? throw new InvalidOperationException("The worker has no input binding feature.");
        FunctionInputBindingResult inputs;
        try
        {
            // The result is cached on the invocation: the function receives these same values.
            inputs = await binding.BindFunctionInputAsync(context);
        }
        catch (FunctionInputConverterException) when (context.Items.TryGetValue(UnreadableMessage.ItemKey, out var item) && item is UnreadableMessage unreadable)
        {
            await RejectAsync(context, unreadable);
            return;
        }

        var message = inputs.Values.OfType<IPipelineMessage>().FirstOrDefault();
        using var activity = PipelineTracing.StartStep(context.FunctionDefinition.Name, message?.TraceParent);
        activity?.SetTag("faas.invocation_id", context.InvocationId);
        using var scope = message is null ? null : logger.BeginScope(Scope(message));
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private async Task RejectAsync(FunctionContext context, UnreadableMessage unreadable)
    {
        var queue = unreadable.QueueName ?? context.FunctionDefinition.Name;
        var messageId = context.BindingContext.BindingData.TryGetValue("Id", out var id) ? id?.ToString() : null;
        var now = time.GetUtcNow();
        await failures.RecordAsync(new Failure
        {
            Id = Failure.IdFor(FailureKind.PoisonMessage, $"{queue}/{messageId ?? unreadable.Text}"),
            Kind = FailureKind.PoisonMessage,
            Subject = queue,
            Cause = $"The message is unreadable: {unreadable.Reason}",
            FirstSeenAt = now,
            LastSeenAt = now,
            Payload = unreadable.Text.Length <= MaxPayloadChars ? unreadable.Text : unreadable.Text[..MaxPayloadChars],
        }, context.CancellationToken);
        logger.LogError("{Function}: an unreadable message of {Queue} was recorded as rejected: {Reason}",
            context.FunctionDefinition.Name, queue, unreadable.Reason);
    }

    /// <summary>A queue message is at most 64 KiB; this keeps a rejected one whole.</summary>
    private const int MaxPayloadChars = 100_000;

    private static Dictionary<string, object> Scope(IPipelineMessage message)
    {
        var scope = new Dictionary<string, object> { ["ConnectionId"] = message.ConnectionId };
        if (message is IOrderMessage order)
            scope["ChannelOrderId"] = order.ChannelOrderId;
        return scope;
    }
}
