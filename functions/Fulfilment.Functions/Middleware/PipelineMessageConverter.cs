using System.Text;
using Fulfilment.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Converters;

namespace Fulfilment.Functions.Middleware;

/// <summary>
/// Binds a queue trigger's text to our message types with the pipeline's own wire format. A message it cannot read is
/// remembered on the invocation (<see cref="UnreadableMessage"/>) so <see cref="QueueMessageMiddleware"/> can park it.
/// </summary>
public sealed class PipelineMessageConverter : IInputConverter
{
    public ValueTask<ConversionResult> ConvertAsync(ConverterContext context)
    {
        if (!typeof(IPipelineMessage).IsAssignableFrom(context.TargetType))
            return ValueTask.FromResult(ConversionResult.Unhandled());
        var text = context.Source switch
        {
            string s => s,
            ReadOnlyMemory<byte> bytes => Encoding.UTF8.GetString(bytes.Span),
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            _ => null,
        };
        if (text is null)
            return ValueTask.FromResult(ConversionResult.Unhandled());
        if (PipelineMessageJson.TryRead(context.TargetType, text, out var message, out var error))
            return ValueTask.FromResult(ConversionResult.Success(message));

        var queueName = context.TryGetBindingAttribute<QueueTriggerAttribute>(out var attribute) ? (attribute as QueueTriggerAttribute)?.QueueName : null;
        context.FunctionContext.Items[UnreadableMessage.ItemKey] = new UnreadableMessage(queueName, text, error);
        return ValueTask.FromResult(ConversionResult.Failed(new FormatException(error)));
    }
}

/// <summary>A queue message that could not be read as its function's message type: where it came from, its text and why.</summary>
public sealed record UnreadableMessage(string? QueueName, string Text, string Reason)
{
    public const string ItemKey = "Fulfilment.UnreadableMessage";
}
