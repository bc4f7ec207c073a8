using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace LocalHost.TestWorker;

/// <summary>
/// Queue functions driven by the message text: "fail…" throws, "many:N" sends N messages, "sleep:MS" and
/// "sleep-once:MS" (first delivery only) take their time, "crash-once" kills this process on the first delivery;
/// anything else is reported to the done queue with every trigger metadata value the worker was given.
/// </summary>
public sealed class QueueFunctions
{
    [Function("Work")]
    [QueueOutput("%DoneQueue%", Connection = "TestStorage")]
    public static async Task<string[]> Work(
        [QueueTrigger("%WorkQueue%", Connection = "TestStorage")] string message,
        string id, long dequeueCount, DateTimeOffset insertionTime, DateTimeOffset expirationTime, DateTimeOffset nextVisibleTime,
        string popReceipt, FunctionContext context)
    {
        var command = message.Split(':', 3);
        var firstDelivery = dequeueCount == 1;
        switch (command[0])
        {
            case var c when c.StartsWith("fail", StringComparison.Ordinal):
                throw new InvalidOperationException($"Asked to fail: {message}");
            case "many":
                return Enumerable.Range(1, int.Parse(command[1], CultureInfo.InvariantCulture)).Select(i => $"item-{i}").ToArray();
            case "crash-once" when firstDelivery:
                Process.GetCurrentProcess().Kill();
                break;
            case "sleep":
            case "sleep-once" when firstDelivery:
                await Task.Delay(int.Parse(command[1], CultureInfo.InvariantCulture), context.CancellationToken);
                break;
        }
        var report = new
        {
            text = message,
            id,
            dequeueCount,
            insertionTime,
            expirationTime,
            nextVisibleTime,
            popReceipt,
            pid = Environment.ProcessId,
            invocationId = context.InvocationId,
            traceParent = context.TraceContext.TraceParent,
            // As the worker holds them: strings for string TypedData, the JSON text for json TypedData.
            metadata = context.BindingContext.BindingData.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString()),
        };
        return [JsonSerializer.Serialize(report)];
    }

    /// <summary>Binds the SDK type QueueMessage (deferred binding: the host sends ModelBindingData).</summary>
    [Function("Inspect")]
    [QueueOutput("%DoneQueue%", Connection = "TestStorage")]
    public static string Inspect([QueueTrigger("%InspectQueue%", Connection = "TestStorage")] QueueMessage message) =>
        JsonSerializer.Serialize(new { message.MessageId, message.MessageText, message.DequeueCount, message.InsertedOn, message.PopReceipt });
}
