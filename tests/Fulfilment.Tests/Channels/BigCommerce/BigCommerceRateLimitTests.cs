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
    public void The_window_state_is_read_from_an_answers_headers()
    {
        using var answer = Answer(200, ("X-Rate-Limit-Requests-Left", "35"), ("X-Rate-Limit-Time-Reset-Ms", "15000"),
            ("X-Rate-Limit-Requests-Quota", "150"), ("X-Rate-Limit-Time-Window-Ms", "30000"));
        using var bare = Answer(200);

        Assert.Equal(new BigCommerceQuotaState(35, TimeSpan.FromSeconds(15), 150, TimeSpan.FromSeconds(30)), BigCommerceRateLimit.QuotaFrom(answer.Headers));
        Assert.Null(BigCommerceRateLimit.QuotaFrom(bare.Headers));
    }

    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static BigCommerceStoreGate Gate(FakeTimeProvider time) => new(time, Microsoft.Extensions.Options.Options.Create(new BigCommerceOptions()));

    private static HttpResponseMessage Window(int left, int resetMs) =>
        Answer(200, ("X-Rate-Limit-Requests-Left", left.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("X-Rate-Limit-Time-Reset-Ms", resetMs.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("X-Rate-Limit-Time-Window-Ms", "30000"));

    [Fact]
    public async Task Store_gate_holds_calls_for_that_store_until_just_after_the_window_resets()
    {
        var time = new FakeTimeProvider(T0);
        var gate = Gate(time);
        using var exhausted = Window(left: 0, resetMs: 5000);
        gate.Observe("abc123", exhausted);

        var other = gate.EnterAsync("other1", CancellationToken.None);
        var held = gate.EnterAsync("abc123", CancellationToken.None).AsTask();

        Assert.True(other.IsCompleted);
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(5000) + BigCommerceStoreGate.ResetSlack - TimeSpan.FromMilliseconds(1));
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        (await held.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task Calls_on_their_way_take_what_the_window_has_left_so_the_next_one_waits_for_the_reset()
    {
        var time = new FakeTimeProvider(T0);
        var gate = Gate(time);
        using var twoLeft = Window(left: 2, resetMs: 10_000);
        gate.Observe("abc123", twoLeft);

        using var first = await gate.EnterAsync("abc123", CancellationToken.None);
        using var second = await gate.EnterAsync("abc123", CancellationToken.None);
        var third = gate.EnterAsync("abc123", CancellationToken.None).AsTask();

        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10) + BigCommerceStoreGate.ResetSlack);
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_429_closes_the_store_for_every_caller_until_the_reset_it_names_and_a_headerless_one_does_not()
    {
        var time = new FakeTimeProvider(T0);
        var gate = Gate(time);
        using var platformLoad = Answer(429);
        gate.Observe("abc123", platformLoad);
        (await gate.EnterAsync("abc123", CancellationToken.None)).Dispose();

        using var limited = Answer(429, ("X-Rate-Limit-Time-Reset-Ms", "20000"), ("X-Retry-After", "20"));
        gate.Observe("abc123", limited);
        var held = gate.EnterAsync("abc123", CancellationToken.None).AsTask();

        time.Advance(TimeSpan.FromSeconds(19));
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1) + BigCommerceStoreGate.ResetSlack);
        (await held.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task Answers_arriving_out_of_order_keep_the_lowest_count_of_the_window_and_a_new_window_starts_afresh()
    {
        var time = new FakeTimeProvider(T0);
        var gate = Gate(time);
        using var later = Window(left: 0, resetMs: 12_000);
        using var earlier = Window(left: 5, resetMs: 12_000);
        gate.Observe("abc123", later);
        gate.Observe("abc123", earlier); // answered before the other, observed after it: same window

        var held = gate.EnterAsync("abc123", CancellationToken.None).AsTask();
        Assert.False(held.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(12) + BigCommerceStoreGate.ResetSlack);
        (await held.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        using var fresh = Window(left: 149, resetMs: 30_000);
        gate.Observe("abc123", fresh);
        Assert.True(gate.EnterAsync("abc123", CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void An_answer_claiming_the_next_window_while_ours_still_runs_does_not_reopen_the_gate()
    {
        var time = new FakeTimeProvider(T0);
        var gate = Gate(time);
        using var exhausted = Window(left: 0, resetMs: 20_000);
        using var tooLate = Answer(200, ("X-Rate-Limit-Requests-Left", "140"), ("X-Rate-Limit-Time-Reset-Ms", "60000"), ("X-Rate-Limit-Time-Window-Ms", "30000"));
        gate.Observe("abc123", exhausted);

        time.Advance(TimeSpan.FromSeconds(5));
        gate.Observe("abc123", tooLate);

        Assert.False(gate.EnterAsync("abc123", CancellationToken.None).IsCompleted);
    }
}
