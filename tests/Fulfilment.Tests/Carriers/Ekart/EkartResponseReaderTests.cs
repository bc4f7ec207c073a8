using Fulfilment.Carriers.Ekart;

namespace Fulfilment.Tests.Carriers.Ekart;

public class EkartResponseReaderTests
{
    [Fact]
    public void Create_answers_are_read_per_line_whether_messages_are_a_list_or_a_string()
    {
        var answer = EkartResponseReader.ApiResponse(EkartFixtures.Text("create-mixed.json"))!;

        Assert.Equal("7f6c2d1e-1111-4c3b-9a55-000000000001", answer.RequestId);
        Assert.Equal(3, answer.Lines.Count);
        Assert.True(answer.Lines[0].IsReceived);
        Assert.Contains(answer.Lines[1].Messages, m => m.Contains("already present", StringComparison.Ordinal));
        Assert.Equal(["Invalid pincode 06001 in destination address: must be 6 digits"], answer.Lines[2].Messages);
        Assert.False(answer.Lines[2].IsReceived);
    }

    [Theory]
    [InlineData("{\"code\":400,\"message\":\"Unable to process JSON\"}")]
    [InlineData("not json")]
    [InlineData("[]")]
    public void An_error_body_is_not_an_answer(string body) => Assert.Null(EkartResponseReader.ApiResponse(body));

    [Fact]
    public void Track_answers_keyed_by_tracking_id_and_as_an_array_read_the_same()
    {
        var keyed = EkartResponseReader.Track(EkartFixtures.Text("track-keyed.json"));
        var array = EkartResponseReader.Track(EkartFixtures.Text("track-array.json"));

        var a = keyed["FFQP0000000001"];
        var b = array["FFQP0000000001"];
        Assert.Equal("FF0000000001", a.ClientReferenceId);
        Assert.Equal(a.History.Select(h => (h.Status, h.At)), b.History.Select(h => (h.Status, h.At)));
    }

    [Fact]
    public void Event_times_are_read_from_iso8601_or_as_indian_standard_time()
    {
        var history = EkartResponseReader.Track(EkartFixtures.Text("track-keyed.json"))["FFQP0000000001"].History;

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 6, 40, 0, TimeSpan.Zero), history.Single(h => h.Status == "pickup_complete").At.ToUniversalTime());
        // "2026-03-02 10:00:00" with no offset is IST.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 4, 30, 0, TimeSpan.Zero), history.Single(h => h.Status == "shipment_created").At.ToUniversalTime());
    }

    [Fact]
    public void History_entries_without_a_readable_time_are_skipped_not_guessed()
    {
        var history = EkartResponseReader.Track(EkartFixtures.Text("track-keyed.json"))["FFQC0000000002"].History;

        Assert.Equal(["shipment_created"], history.Select(h => h.Status));
    }
}
