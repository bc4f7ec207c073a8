using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Google.Protobuf;
using LocalHost.Configuration;
using LocalHost.Invocation;
using LocalHost.Rpc;

namespace LocalHost.Triggers;

/// <summary>
/// A queue message as the real host hands it to an isolated worker: the decoded text as a `string` (the Storage
/// extension's default type for an untyped trigger; the worker's converters make string, byte[] and POCOs from it),
/// or ModelBindingData for SDK types (QueueMessage, BinaryData); and the trigger metadata with the host's types.
/// </summary>
internal static class QueueMessageBinding
{
    /// <summary>The Storage Queues extension's name in ModelBindingData, which the worker's converters check.</summary>
    public const string ExtensionName = "AzureStorageQueues";

    public static InvocationInput Input(BindingDefinition trigger, QueueMessage message, string text) =>
        new(trigger.SupportsDeferredBinding ? ModelBindingData(message, text) : TypedValues.String(text), Metadata(message, text));

    /// <summary>
    /// Id, PopReceipt and QueueTrigger are strings; DequeueCount is a number and the times are dates, which the host
    /// serialises with Json.NET (json "1", json "\"2024-01-01T00:00:00+00:00\"").
    /// </summary>
    public static IReadOnlyDictionary<string, TypedData> Metadata(QueueMessage message, string text)
    {
        var metadata = new Dictionary<string, TypedData>(StringComparer.Ordinal)
        {
            ["QueueTrigger"] = TypedValues.String(text),
            ["Id"] = TypedValues.String(message.MessageId),
            ["PopReceipt"] = TypedValues.String(message.PopReceipt),
            ["DequeueCount"] = TypedValues.Number(message.DequeueCount),
        };
        // A missing expiry is "never" in the extension (DateTimeOffset.MaxValue).
        metadata["ExpirationTime"] = TypedValues.Date(message.ExpiresOn ?? DateTimeOffset.MaxValue);
        if (message.InsertedOn is { } inserted)
            metadata["InsertionTime"] = TypedValues.Date(inserted);
        if (message.NextVisibleOn is { } next)
            metadata["NextVisibleTime"] = TypedValues.Date(next);
        return metadata;
    }

    /// <summary>
    /// UNCONFIRMED: the content's shape is what the worker's QueueMessage converter reads (MessageId, PopReceipt,
    /// MessageText, DequeueCount, NextVisibleOn, InsertedOn, ExpiresOn); the real extension may add more.
    /// </summary>
    private static TypedData ModelBindingData(QueueMessage message, string text)
    {
        var content = new JsonObject
        {
            ["MessageId"] = message.MessageId,
            ["PopReceipt"] = message.PopReceipt,
            ["MessageText"] = text,
            ["DequeueCount"] = message.DequeueCount,
            ["NextVisibleOn"] = message.NextVisibleOn,
            ["InsertedOn"] = message.InsertedOn,
            ["ExpiresOn"] = message.ExpiresOn,
        };
        return new TypedData
        {
            ModelBindingData = new ModelBindingData
            {
                Version = "1.0",
                Source = ExtensionName,
                ContentType = "application/json",
                Content = ByteString.CopyFrom(Encoding.UTF8.GetBytes(content.ToJsonString(TypedValues.Json))),
            },
        };
    }
}
