using System.Text.Json;
using Fulfilment.Functions.Host;
using Fulfilment.Pipeline;

namespace Fulfilment.Tests.Functions;

public class QueueMessageDecoderTests
{
    private static JsonElement Binding(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void String_message_json_encoded_inside_a_json_string_is_unwrapped()
    {
        // What the host sends for the queue text {"connectionId":"c1"}: the text as a JSON string.
        var binding = Binding(JsonSerializer.Serialize("""{"connectionId":"c1"}"""));

        var message = QueueMessageDecoder.Decode<PollConnectionMessage>(binding);

        Assert.Equal("c1", message.ConnectionId);
    }

    [Fact]
    public void Doubly_encoded_string_is_unwrapped()
    {
        var binding = Binding(JsonSerializer.Serialize(JsonSerializer.Serialize("""{"connectionId":"c2"}""")));

        Assert.Equal("c2", QueueMessageDecoder.Decode<PollConnectionMessage>(binding).ConnectionId);
    }

    [Fact]
    public void Object_binding_is_accepted()
    {
        Assert.Equal("c3", QueueMessageDecoder.Decode<PollConnectionMessage>(Binding("""{"connectionId":"c3"}""")).ConnectionId);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"connectionId\":")]
    [InlineData("{}")]
    [InlineData("null")]
    public void Malformed_message_is_unreadable_with_its_raw_text(string text)
    {
        var ex = Assert.Throws<UnreadableMessageException>(() => QueueMessageDecoder.Decode<PollConnectionMessage>(Binding(JsonSerializer.Serialize(text))));

        Assert.Equal(text, ex.RawText);
    }
}
