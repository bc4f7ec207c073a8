using System.Text;
using Fulfilment.Pipeline;

namespace Fulfilment.Tests.Pipeline;

public class PipelineMessageJsonTests
{
    [Fact]
    public void A_message_reads_back_as_it_was_written()
    {
        var sent = new NormaliseOrderMessage("bigcommerce-abc", "118", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        var text = Encoding.UTF8.GetString(PipelineMessageJson.Serialize(sent));

        Assert.Contains("\"channelOrderId\":\"118\"", text);
        Assert.True(PipelineMessageJson.TryRead(typeof(NormaliseOrderMessage), text, out var read, out _));
        Assert.Equal(sent, read);
    }

    [Fact]
    public void The_trace_parent_is_optional()
    {
        Assert.True(PipelineMessageJson.TryRead(typeof(PollConnectionMessage), """{"connectionId":"c1"}""", out var read, out _));
        Assert.Equal(new PollConnectionMessage("c1"), read);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"connectionId\":")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"connectionId\":null,\"channelOrderId\":\"1\"}")]
    [InlineData("{\"connectionId\":\" \",\"channelOrderId\":\"1\"}")]
    [InlineData("{\"connectionId\":\"c1\"}")]
    [InlineData("{\"connectionId\":\"c1\",\"channelOrderId\":42}")]
    public void A_message_without_its_ids_is_unreadable_and_says_why(string text)
    {
        Assert.False(PipelineMessageJson.TryRead(typeof(NormaliseOrderMessage), text, out var message, out var error));
        Assert.Null(message);
        Assert.Contains(nameof(NormaliseOrderMessage), error);
    }

    [Theory]
    [InlineData(nameof(NormaliseOrderMessage), "connectionId")]
    [InlineData(nameof(NormaliseOrderMessage), "channelOrderId")]
    [InlineData(nameof(TrackShipmentMessage), "carrierShipmentId")]
    public void A_message_with_an_id_too_long_for_a_table_key_is_unreadable(string typeName, string field)
    {
        // Found by the fuzz run: such a message failed on every delivery (the table refused the key) and was poisoned
        // instead of being recorded at once as rejected.
        var type = typeof(PipelineMessageJson).Assembly.GetTypes().Single(t => t.Name == typeName);
        var fields = new Dictionary<string, string> { ["connectionId"] = "c1", ["channelOrderId"] = "1", ["carrierAccountId"] = "rm-demo", ["carrierShipmentId"] = "s1" };
        fields[field] = new string('c', PipelineMessageJson.MaxIdLength + 1);
        var text = System.Text.Json.JsonSerializer.Serialize(fields);

        Assert.False(PipelineMessageJson.TryRead(type, text, out var message, out var error));
        Assert.Null(message);
        Assert.Contains("longer than", error);

        fields[field] = new string('c', PipelineMessageJson.MaxIdLength);
        Assert.True(PipelineMessageJson.TryRead(type, System.Text.Json.JsonSerializer.Serialize(fields), out _, out _));
    }
}
