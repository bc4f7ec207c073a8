using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulfilment.Pipeline;

/// <summary>
/// The wire format of the pipeline's queue messages (camelCase JSON, source-generated). A message without one of its
/// ids, or with an id that is null or blank, is unreadable: no retry can fix it.
/// </summary>
public static class PipelineMessageJson
{
    /// <summary>
    /// The longest id a message may carry: ids become table keys (at most 1 KiB, that is 512 UTF-16 characters, after
    /// escaping that may triple them and a prefix), and no channel, carrier or connection id of ours comes near it.
    /// </summary>
    public const int MaxIdLength = 150;

    public static JsonSerializerOptions Options => PipelineMessageJsonContext.Default.Options;

    public static byte[] Serialize<T>(T message) where T : IPipelineMessage =>
        JsonSerializer.SerializeToUtf8Bytes(message, typeof(T), PipelineMessageJsonContext.Default);

    /// <summary>Reads a message of <paramref name="type"/> from its text, or says in <paramref name="error"/> why it cannot.</summary>
    public static bool TryRead(Type type, string text, [NotNullWhen(true)] out IPipelineMessage? message, [NotNullWhen(false)] out string? error)
    {
        message = null;
        try
        {
            message = JsonSerializer.Deserialize(text, type, PipelineMessageJsonContext.Default) as IPipelineMessage;
        }
        catch (JsonException ex)
        {
            error = $"not a valid {type.Name}: {ex.Message}";
            return false;
        }
        catch (NotSupportedException)
        {
            error = $"{type.Name} is not a pipeline message type";
            return false;
        }
        if (message is null)
        {
            error = $"empty; expected a {type.Name}";
            return false;
        }
        var blank = BlankIds(message).ToList();
        if (blank.Count > 0)
        {
            message = null;
            error = $"the {type.Name} has blank {string.Join(", ", blank)}";
            return false;
        }
        if (message is WriteBackMessage { More.Count: >= WriteBackMessage.MaxOrders })
        {
            message = null;
            error = $"the {type.Name} carries more than {WriteBackMessage.MaxOrders} orders";
            return false;
        }
        var tooLong = Ids(message).Where(id => id.Value.Length > MaxIdLength).Select(id => id.Name).ToList();
        if (tooLong.Count > 0)
        {
            // No retry can store such a key: rejected now rather than failing into the poison queue.
            message = null;
            error = $"the {type.Name} has {string.Join(", ", tooLong)} longer than {MaxIdLength} characters";
            return false;
        }
        error = null;
        return true;
    }

    private static IEnumerable<(string Name, string Value)> Ids(IPipelineMessage message)
    {
        yield return (nameof(IPipelineMessage.ConnectionId), message.ConnectionId);
        if (message is IOrderMessage order)
            yield return (nameof(IOrderMessage.ChannelOrderId), order.ChannelOrderId);
        if (message is WriteBackMessage { More: { } more })
            foreach (var other in more)
                yield return ($"{nameof(WriteBackMessage.More)} {nameof(OrderReference.ChannelOrderId)}", other?.ChannelOrderId ?? "");
        if (message is TrackShipmentMessage track)
        {
            yield return (nameof(TrackShipmentMessage.CarrierAccountId), track.CarrierAccountId);
            yield return (nameof(TrackShipmentMessage.CarrierShipmentId), track.CarrierShipmentId);
        }
    }

    private static IEnumerable<string> BlankIds(IPipelineMessage message)
    {
        if (string.IsNullOrWhiteSpace(message.ConnectionId))
            yield return nameof(IPipelineMessage.ConnectionId);
        if (message is IOrderMessage order && string.IsNullOrWhiteSpace(order.ChannelOrderId))
            yield return nameof(IOrderMessage.ChannelOrderId);
        if (message is WriteBackMessage { More: { } more } && more.Any(o => o is null || string.IsNullOrWhiteSpace(o.ChannelOrderId)))
            yield return $"{nameof(WriteBackMessage.More)} {nameof(OrderReference.ChannelOrderId)}";
        if (message is TrackShipmentMessage track && (string.IsNullOrWhiteSpace(track.CarrierAccountId) || string.IsNullOrWhiteSpace(track.CarrierShipmentId)))
            yield return $"{nameof(TrackShipmentMessage.CarrierAccountId)} or {nameof(TrackShipmentMessage.CarrierShipmentId)}";
    }
}

/// <summary>Source-generated serialization of the pipeline messages; a missing or null id fails to read.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PollConnectionMessage))]
[JsonSerializable(typeof(NormaliseOrderMessage))]
[JsonSerializable(typeof(WriteBackMessage))]
[JsonSerializable(typeof(ImportOrderMessage))]
[JsonSerializable(typeof(TrackShipmentMessage))]
[JsonSerializable(typeof(CancelOrderMessage))]
[JsonSerializable(typeof(Listings.LinkListingsMessage))]
[JsonSerializable(typeof(Listings.SyncListingsMessage))]
internal sealed partial class PipelineMessageJsonContext : JsonSerializerContext;
