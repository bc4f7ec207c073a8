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

    [Fact]
    public void A_write_back_message_carries_more_orders_of_its_connection_and_reads_back_with_them()
    {
        var sent = new WriteBackMessage("bigcommerce-abc", "118", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        {
            More = [new OrderReference("119"), new OrderReference("120", "00-0af7651916cd43dd8448eb211c80319d-b7ad6b7169203332-01")],
        };

        var text = Encoding.UTF8.GetString(PipelineMessageJson.Serialize(sent));

        Assert.True(PipelineMessageJson.TryRead(typeof(WriteBackMessage), text, out var read, out _));
        Assert.Equal(["118", "119", "120"], ((WriteBackMessage)read).Orders().Select(o => o.ChannelOrderId));
        Assert.Equal(sent.More![1], ((WriteBackMessage)read).More![1]);
    }

    [Theory]
    [InlineData("""{"connectionId":"c1","channelOrderId":"1","more":[{"channelOrderId":" "}]}""", "blank")]
    [InlineData("""{"connectionId":"c1","channelOrderId":"1","more":[null]}""", "blank")]
    [InlineData("""{"connectionId":"c1","channelOrderId":"1","more":[{}]}""", "WriteBackMessage")]
    [InlineData("""{"connectionId":"c1","channelOrderId":"1","more":"2"}""", "WriteBackMessage")]
    public void A_write_back_message_with_a_bad_extra_order_is_unreadable(string text, string said)
    {
        Assert.False(PipelineMessageJson.TryRead(typeof(WriteBackMessage), text, out var message, out var error));
        Assert.Null(message);
        Assert.Contains(said, error);
    }

    [Fact]
    public void A_write_back_message_carrying_too_many_orders_or_an_extra_id_too_long_is_unreadable()
    {
        var tooMany = new WriteBackMessage("c1", "1") { More = Enumerable.Range(2, WriteBackMessage.MaxOrders).Select(i => new OrderReference($"{i}")).ToList() };
        var tooLong = new WriteBackMessage("c1", "1") { More = [new OrderReference(new string('c', PipelineMessageJson.MaxIdLength + 1))] };

        Assert.False(PipelineMessageJson.TryRead(typeof(WriteBackMessage), Encoding.UTF8.GetString(PipelineMessageJson.Serialize(tooMany)), out _, out var manyError));
        Assert.False(PipelineMessageJson.TryRead(typeof(WriteBackMessage), Encoding.UTF8.GetString(PipelineMessageJson.Serialize(tooLong)), out _, out var longError));
        Assert.Contains($"more than {WriteBackMessage.MaxOrders} orders", manyError);
        Assert.Contains("longer than", longError);
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
