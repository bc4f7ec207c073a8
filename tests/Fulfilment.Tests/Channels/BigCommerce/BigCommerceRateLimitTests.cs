using System.Net;
using Fulfilment.Channels.BigCommerce;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Fulfilment.Tests.Channels.BigCommerce;

public class BigCommerceRateLimitTests
{
    private static readonly TimeSpan Fallback = TimeSpan.FromSeconds(2);

    private static HttpResponseMessage Answer(int status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        foreach (var (name, value) in headers)
            response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    [Fact]
    public void Reset_ms_header_gives_the_wait()
    {
        using var r = Answer(429, ("X-Rate-Limit-Time-Reset-Ms", "1500"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), BigCommerceRateLimit.RetryDelayFor(r, Fallback));
    }

    [Fact]
    public void Headers_are_read_case_insensitively()
    {
        using var r = Answer(429, ("x-rate-limit-time-reset-ms", "800"));
        Assert.Equal(TimeSpan.FromMilliseconds(800), BigCommerceRateLimit.RetryDelayFor(r, Fallback));
    }

    [Fact]
    public void The_longer_of_reset_ms_and_retry_after_wins()
    {
        using var retryAfterLonger = Answer(429, ("X-Rate-Limit-Time-Reset-Ms", "1500"), ("X-Retry-After", "3"));
        using var resetLonger = Answer(429, ("X-Rate-Limit-Time-Reset-Ms", "4500"), ("X-Retry-After", "3"));

        Assert.Equal(TimeSpan.FromSeconds(3), BigCommerceRateLimit.RetryDelayFor(retryAfterLonger, Fallback));
        Assert.Equal(TimeSpan.FromMilliseconds(4500), BigCommerceRateLimit.RetryDelayFor(resetLonger, Fallback));
    }

    [Fact]
    public void A_429_without_headers_waits_the_fixed_back_off_never_zero()
    {
        using var bare = Answer(429);
        using var zero = Answer(429, ("X-Rate-Limit-Time-Reset-Ms", "0"));
        using var garbage = Answer(429, ("X-Retry-After", "soon"));

        Assert.Equal(Fallback, BigCommerceRateLimit.RetryDelayFor(bare, Fallback));
        Assert.Equal(Fallback, BigCommerceRateLimit.RetryDelayFor(zero, Fallback));
        Assert.Equal(Fallback, BigCommerceRateLimit.RetryDelayFor(garbage, Fallback));
    }

    [Fact]
    public void Non_429_answers_leave_the_delay_to_the_back_off()
    {
        using var r = Answer(503, ("X-Retry-After", "5"));
        Assert.Null(BigCommerceRateLimit.RetryDelayFor(r, Fallback));
    }

    [Fact]
    public void Quota_is_exhausted_only_when_requests_left_is_zero()
    {
        using var left0 = Answer(200, ("X-Rate-Limit-Requests-Left", "0"), ("X-Rate-Limit-Time-Reset-Ms", "1200"));
        using var left3 = Answer(200, ("X-Rate-Limit-Requests-Left", "3"), ("X-Rate-Limit-Time-Reset-Ms", "1200"));

        Assert.Equal(TimeSpan.FromMilliseconds(1200), BigCommerceRateLimit.QuotaExhaustedFor(left0.Headers));
        Assert.Null(BigCommerceRateLimit.QuotaExhaustedFor(left3.Headers));
    }

    [Fact]
    public async Task Store_gate_holds_calls_for_that_store_until_just_after_the_window_resets()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var gate = new BigCommerceStoreGate(time);
        using var exhausted = Answer(200, ("X-Rate-Limit-Requests-Left", "0"), ("X-Rate-Limit-Time-Reset-Ms", "5000"));
        gate.Observe("abc123", exhausted);

        var other = gate.WaitAsync("other1", CancellationToken.None);
        var held = gate.WaitAsync("abc123", CancellationToken.None).AsTask();

        Assert.True(other.IsCompleted);
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(5000) + BigCommerceStoreGate.ResetSlack - TimeSpan.FromMilliseconds(1));
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await held.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
