using System.Text;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfilment.Storage.Queues;

/// <summary>
/// Our poison queues, read without decoding (<see cref="RawClientKey"/>): a message parked because it was not valid
/// base64 must still be readable, so each body is decoded here, falling back to its raw text.
/// </summary>
public sealed class StoragePoisonQueues(QueueServiceClient service, [FromKeyedServices(StoragePoisonQueues.RawClientKey)] QueueServiceClient raw) : IPoisonQueues
{
    /// <summary>The service key of the <see cref="QueueServiceClient"/> that neither encodes nor decodes message bodies.</summary>
    public const string RawClientKey = "raw-queues";

    public async Task<IReadOnlyList<PoisonMessage>> ReceiveAsync(string queue, int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var poison = raw.GetQueueClient(StorageNames.Queues.Poison(queue));
        try
        {
            var messages = await poison.ReceiveMessagesAsync(Math.Clamp(max, 1, 32), visibility, cancellationToken);
            return messages.Value.Select(m => new PoisonMessage(queue, m.MessageId, m.PopReceipt, Text(m.Body), m.DequeueCount, m.InsertedOn)).ToList();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }

    public async Task DeleteAsync(PoisonMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await raw.GetQueueClient(StorageNames.Queues.Poison(message.Queue)).DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    public async Task SendTextAsync(string queue, string text, CancellationToken cancellationToken)
    {
        var client = service.GetQueueClient(queue);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await client.SendMessageAsync(text, cancellationToken);
    }

    /// <summary>The text a producer sent: the base64 body decoded when it is base64 of UTF-8, else the body as it is.</summary>
    private static string Text(BinaryData body)
    {
        var stored = body.ToString();
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(stored));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return stored;
        }
    }
}
