using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalHost.Configuration;
using LocalHost.Invocation;
using LocalHost.Rpc;

namespace LocalHost.Bindings;

/// <summary>
/// Delivers a successful invocation's queue output bindings: output_data by binding name, return_value for $return.
/// A string is one message, a JSON array or a collection one message per element, bytes one message as they are.
/// HTTP outputs are the worker's own answer under ASP.NET Core integration; other binding types are not supported.
/// </summary>
internal sealed class OutputBindings(QueueConnections queues, AppSettings settings)
{
    public async Task DeliverAsync(FunctionDefinition function, InvocationResponse response, CancellationToken ct)
    {
        foreach (var binding in function.Bindings.Where(b => b.IsOutput && b.Is("queue")))
        {
            var value = binding.Name == "$return"
                ? response.ReturnValue
                : response.OutputData.FirstOrDefault(o => string.Equals(o.Name, binding.Name, StringComparison.OrdinalIgnoreCase))?.Data;
            if (value is null || value.DataCase == TypedData.DataOneofCase.None)
                continue; // the real host only warns about a missing output
            var queueName = settings.Resolve(
                binding.Get("queueName") ?? throw new InvalidOperationException($"{function.Name}: queue output '{binding.Name}' has no queueName."),
                $"{function.Name} binding {binding.Name}").ToLowerInvariant();
            var queue = queues.GetQueue(binding.Get("connection"), queueName);
            await queue.CreateIfNotExistsAsync(cancellationToken: ct);
            foreach (var message in Messages(value))
                await queue.SendMessageAsync(message.Text is { } text ? queues.Encode(text) : queues.Encode(message.Bytes!), ct);
        }
    }

    private readonly record struct Message(string? Text, byte[]? Bytes);

    private static IEnumerable<Message> Messages(TypedData value)
    {
        switch (value.DataCase)
        {
            case TypedData.DataOneofCase.String:
                yield return new Message(value.String, null);
                break;
            case TypedData.DataOneofCase.Bytes:
                yield return new Message(null, value.Bytes.ToByteArray());
                break;
            case TypedData.DataOneofCase.Stream:
                yield return new Message(null, value.Stream.ToByteArray());
                break;
            case TypedData.DataOneofCase.Json:
                var node = JsonNode.Parse(value.Json);
                if (node is JsonArray array)
                {
                    foreach (var item in array)
                        if (item is not null)
                            yield return new Message(AsText(item), null);
                }
                else if (node is not null)
                    yield return new Message(AsText(node), null);
                break;
            case TypedData.DataOneofCase.CollectionString:
                foreach (var s in value.CollectionString.String)
                    yield return new Message(s, null);
                break;
            case TypedData.DataOneofCase.CollectionBytes:
                foreach (var b in value.CollectionBytes.Bytes)
                    yield return new Message(null, b.ToByteArray());
                break;
            case TypedData.DataOneofCase.Int:
                yield return new Message(value.Int.ToString(CultureInfo.InvariantCulture), null);
                break;
            case TypedData.DataOneofCase.Double:
                yield return new Message(value.Double.ToString(CultureInfo.InvariantCulture), null);
                break;
            default:
                throw new InvalidOperationException($"A queue output of kind {value.DataCase} is not supported by the local host.");
        }
    }

    /// <summary>A JSON string element is its text; anything else is sent as JSON.</summary>
    private static string AsText(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString(TypedValues.Json);
}
