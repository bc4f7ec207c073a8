using Fulfilment.Carriers.ClickAndDrop;
using Xunit;

namespace Fulfilment.Tests.Carriers.ClickAndDrop;

public class ClickAndDropIdentifiersTests
{
    [Theory]
    [InlineData("FF-1001-ab12cd34", "\"FF-1001-ab12cd34\"")]
    [InlineData("A;B", "\"A%3BB\"")]
    [InlineData("say \"hi\"", "\"say%20%22hi%22\"")]
    [InlineData("50%/off", "\"50%25%2Foff\"")]
    public void Reference_is_percent_encoded_and_wrapped_in_double_quotes(string reference, string expected)
    {
        Assert.Equal(expected, ClickAndDropIdentifiers.FromReference(reference));
    }

    [Fact]
    public void Identifiers_are_joined_with_semicolons()
    {
        var joined = ClickAndDropIdentifiers.Join([ClickAndDropIdentifiers.FromReference("FF-1001-ab12cd34"), ClickAndDropIdentifiers.FromOrderIdentifier(1001)]);

        Assert.Equal("\"FF-1001-ab12cd34\";1001", joined);
    }

    [Fact]
    public void Chunks_hold_at_most_100_identifiers()
    {
        var chunks = ClickAndDropIdentifiers.Chunk(Enumerable.Range(1, 250).Select(i => i.ToString())).ToList();

        Assert.Equal([100, 100, 50], chunks.Select(c => c.Count));
    }

    [Fact]
    public void Chunks_stay_under_the_url_length_limit_for_long_references()
    {
        var longReference = ClickAndDropIdentifiers.FromReference(new string(';', 40)); // 40 × "%3B" + quotes = 122 chars

        var chunks = ClickAndDropIdentifiers.Chunk(Enumerable.Repeat(longReference, 100)).ToList();

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(ClickAndDropIdentifiers.Join(c).Length <= ClickAndDropIdentifiers.MaxSegmentLength));
        Assert.Equal(100, chunks.Sum(c => c.Count));
    }
}
