using System.Text.Json;
using System.Text.Json.Nodes;
using LocalHost.Configuration;
using LocalHost.Handler;

namespace LocalHost.Bindings;

/// <summary>Delivers a successful invocation's queue output bindings (Outputs.&lt;name&gt;, or ReturnValue for $return).</summary>
internal sealed class OutputBindings
{
    private readonly QueueConnections _queues;
    private readonly AppSettings _settings;

    public OutputBindings(QueueConnections queues, AppSettings settings)
    {
        _queues = queues;
        _settings = settings;
    }

    public async Task DeliverAsync(FunctionDefinition function, InvocationOutcome outcome, CancellationToken ct)
    {
        foreach (var binding in function.Bindings.Where(b => b.IsOutput && b.Is("queue")))
        {
            var value = binding.Name == "$return"
                ? outcome.ReturnValue
                : outcome.Outputs is null ? null : HandlerInvoker.Find(outcome.Outputs, binding.Name);
            if (value is null)
                continue; // the real host only warns about a missing output
            var queueName = _settings.Resolve(
                binding.Get("queueName") ?? throw new InvalidOperationException($"{function.Name}: queue output '{binding.Name}' has no queueName."),
                $"{function.Name} binding {binding.Name}").ToLowerInvariant();
            var queue = _queues.GetQueue(binding.Get("connection"), queueName);
            await queue.CreateIfNotExistsAsync(cancellationToken: ct);
            foreach (var message in Messages(value))
                await queue.SendMessageAsync(_queues.Encode(message), ct);
        }
    }

    /// <summary>A string is sent as is; an array sends one message per element; anything else is sent as JSON.</summary>
    private static IEnumerable<string> Messages(JsonNode value)
    {
        if (value is JsonArray array)
        {
            foreach (var item in array)
                if (item is not null)
                    yield return AsText(item);
        }
        else
        {
            yield return AsText(value);
        }
    }

    private static string AsText(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString(HandlerInvoker.Json);
}
