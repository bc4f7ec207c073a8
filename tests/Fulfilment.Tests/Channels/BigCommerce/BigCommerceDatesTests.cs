using Fulfilment.Channels.BigCommerce;
using Xunit;

namespace Fulfilment.Tests.Channels.BigCommerce;

public class BigCommerceDatesTests
{
    [Theory]
    [InlineData("Thu, 20 Apr 2017 11:32:00 -0400", "2017-04-20T15:32:00Z")]
    [InlineData("Tue, 17 Nov 2026 09:14:03 +0000", "2026-11-17T09:14:03Z")]
    [InlineData("Mon, 2 Mar 2026 23:05:00 +0130", "2026-03-02T21:35:00Z")]
    [InlineData("17 Nov 2026 09:14 GMT", "2026-11-17T09:14:00Z")]
    [InlineData("2026-11-17T09:14:03+00:00", "2026-11-17T09:14:03Z")]
    public void Rfc2822_and_iso8601_dates_parse_to_the_same_instant(string text, string expectedUtc)
    {
        Assert.True(BigCommerceDates.TryParse(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Thu, 20 Foo 2017 11:32:00 +0000")]
    [InlineData("Thu, 31 Feb 2017 11:32:00 +0000")]
    public void Unreadable_dates_are_rejected(string text)
    {
        Assert.False(BigCommerceDates.TryParse(text, out _));
    }

    [Fact]
    public void Formats_in_utc_with_a_numeric_offset_and_english_names()
    {
        var value = new DateTimeOffset(2026, 11, 23, 14, 5, 9, TimeSpan.FromHours(2));

        Assert.Equal("Mon, 23 Nov 2026 12:05:09 +0000", BigCommerceDates.ToRfc2822(value));
    }

    [Fact]
    public void Formatting_then_parsing_round_trips_to_the_second()
    {
        var value = new DateTimeOffset(2026, 1, 5, 7, 8, 9, 500, TimeSpan.Zero);

        Assert.True(BigCommerceDates.TryParse(BigCommerceDates.ToRfc2822(value), out var back));
        Assert.Equal(value.AddMilliseconds(-500), back);
    }
}
