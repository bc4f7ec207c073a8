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
        if (blank.Count == 0)
        {
            error = null;
            return true;
        }
        message = null;
        error = $"the {type.Name} has blank {string.Join(", ", blank)}";
        return false;
    }

    private static IEnumerable<string> BlankIds(IPipelineMessage message)
    {
        if (string.IsNullOrWhiteSpace(message.ConnectionId))
            yield return nameof(IPipelineMessage.ConnectionId);
        if (message is IOrderMessage order && string.IsNullOrWhiteSpace(order.ChannelOrderId))
            yield return nameof(IOrderMessage.ChannelOrderId);
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
