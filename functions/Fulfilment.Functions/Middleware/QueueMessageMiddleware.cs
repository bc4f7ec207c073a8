using System.Diagnostics;
using Azure.Storage.Queues;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Context.Features;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Fulfilment.Functions.Middleware;

/// <summary>
/// For queue-triggered functions: binds the message first, so that an unreadable one is moved to its poison queue at
/// once (retrying cannot fix it, and Health counts poison queues) instead of failing five times; then runs the function
/// inside the trace the message carries, with the message's ids on every log line.
/// </summary>
public sealed class QueueMessageMiddleware(QueueServiceClient queues, ILogger<QueueMessageMiddleware> logger) : IFunctionsWorkerMiddleware
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
            await ParkAsync(context, unreadable);
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

    private async Task ParkAsync(FunctionContext context, UnreadableMessage unreadable)
    {
        if (unreadable.QueueName is null)
            throw new InvalidOperationException($"{context.FunctionDefinition.Name} received an unreadable message ({unreadable.Reason}) and its queue is unknown.");
        var poison = queues.GetQueueClient(StorageNames.Queues.Poison(unreadable.QueueName));
        await poison.CreateIfNotExistsAsync(cancellationToken: context.CancellationToken);
        // As the producer sent it (the client base64-encodes, as the trigger expects), so a replay can re-send it verbatim.
        await poison.SendMessageAsync(unreadable.Text, context.CancellationToken);
        logger.LogError("{Function}: an unreadable message was moved to {PoisonQueue}: {Reason}",
            context.FunctionDefinition.Name, poison.Name, unreadable.Reason);
    }

    private static Dictionary<string, object> Scope(IPipelineMessage message)
    {
        var scope = new Dictionary<string, object> { ["ConnectionId"] = message.ConnectionId };
        if (message is IOrderMessage order)
            scope["ChannelOrderId"] = order.ChannelOrderId;
        return scope;
    }
}
