using System.Net;
using Sandbox.BigCommerce;
using static Sandbox.Tests.BigCommerce.BigCommerceSimHarness;

namespace Sandbox.Tests.BigCommerce;

/// <summary>What every API call goes through before its route: the store, an outage, the token, injected faults and the quota.</summary>
public sealed class BigCommerceAdmissionTests
{
    [Fact]
    public async Task A_missing_or_wrong_token_is_401_with_a_v2_error_array_and_an_unknown_store_404()
    {
        await using var h = await StartAsync();

        using var missing = await h.GetAsync("v2/orders", token: null);
        using var wrong = await h.GetAsync("v2/orders", token: "token-other");
        using var unknownStore = await h.ApiAsync(HttpMethod.Get, "v2/orders", store: "nostore");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(401, (await JsonAsync(wrong, HttpStatusCode.Unauthorized))[0].GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknownStore.StatusCode);
        Assert.Equal([401, 401], h.Simulator.GetRequests(Store).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Every_answer_carries_the_quota_headers_counting_down_to_a_429_until_the_window_resets()
    {
        await using var h = await StartAsync(quota: 3, window: TimeSpan.FromSeconds(30));

        var lefts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await h.GetAsync("v2/orders");
            lefts.Add(Header(ok, "X-Rate-Limit-Requests-Left"));
            Assert.Equal("30000", Header(ok, "X-Rate-Limit-Time-Window-Ms"));
            Assert.Equal("3", Header(ok, "X-Rate-Limit-Requests-Quota"));
        }
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        using var limited = await h.GetAsync("v2/orders");
        h.Clock.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromMilliseconds(1));
        using var stillLimited = await h.GetAsync("v2/orders");
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        using var reset = await h.GetAsync("v2/orders");

        Assert.Equal(["2", "1", "0"], lefts);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("20000", Header(limited, "X-Rate-Limit-Time-Reset-Ms"));
        Assert.Equal("20", Header(limited, "X-Retry-After"));
        Assert.Equal("0", Header(limited, "X-Rate-Limit-Requests-Left"));
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.StatusCode);
        Assert.Equal("1", Header(stillLimited, "X-Retry-After"));
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal("2", Header(reset, "X-Rate-Limit-Requests-Left"));
        Assert.Equal(2, h.Simulator.GetStats(Store).RateLimited);
    }

    [Fact]
    public async Task Other_apps_spend_the_same_store_quota()
    {
        await using var h = await StartAsync(quota: 150);
        using var first = await h.GetAsync("v2/orders");

        h.Simulator.ConsumeQuota(Store, 148);
        using var last = await h.GetAsync("v2/orders");
        using var limited = await h.GetAsync("v2/orders");

        Assert.Equal("149", Header(first, "X-Rate-Limit-Requests-Left"));
        Assert.Equal("0", Header(last, "X-Rate-Limit-Requests-Left"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("30", Header(limited, "X-Retry-After"));
    }

    [Fact]
    public async Task Another_app_sharing_the_quota_spends_it_after_our_answer_counted_what_was_left()
    {
        await using var h = await StartAsync(quota: 6);
        h.Simulator.SetOtherAppLoad(Store, everyNthRequest: 2);

        var lefts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var ok = await h.GetAsync("v2/orders");
            lefts.Add(Header(ok, "X-Rate-Limit-Requests-Left"));
        }
        using var limited = await h.GetAsync("v2/orders");

        // Our 2nd and 4th answers each said a request was left; the other app took it.
        Assert.Equal(["5", "4", "2", "1"], lefts);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task Injected_faults_answer_500_then_429_with_or_without_headers()
    {
        await using var h = await StartAsync();
        h.Simulator.SetFaults(Store, new BigCommerceFaults { Next500 = 1, Next429 = 1, RetryAfter429 = TimeSpan.FromSeconds(7) });

        using var serverError = await h.GetAsync("v2/orders");
        using var limited = await h.GetAsync("v2/orders");
        h.Simulator.SetFaults(Store, new BigCommerceFaults { Next429 = 1, Include429Headers = false });
        using var platformLoad = await h.GetAsync("v2/orders");
        using var fine = await h.GetAsync("v2/orders");

        Assert.Equal(HttpStatusCode.InternalServerError, serverError.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("7000", Header(limited, "X-Rate-Limit-Time-Reset-Ms"));
        Assert.Equal("7", Header(limited, "X-Retry-After"));
        Assert.Equal(HttpStatusCode.TooManyRequests, platformLoad.StatusCode);
        Assert.Equal("", Header(platformLoad, "X-Retry-After"));
        Assert.Equal("", Header(platformLoad, "X-Rate-Limit-Time-Reset-Ms"));
        Assert.Equal(HttpStatusCode.NoContent, fine.StatusCode);
    }

    [Fact]
    public async Task An_outage_answers_503_to_every_call_between_its_times_on_the_simulators_clock()
    {
        await using var h = await StartAsync();
        h.AddOrder();
        h.Simulator.SetOutage(Store, Start.AddMinutes(1), Start.AddMinutes(3));

        using var before = await h.GetAsync("v2/orders");
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        using var during = await h.GetAsync("v2/orders");
        using var duringEvenUnauthorised = await h.GetAsync("v2/order_statuses", token: "wrong");
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        using var after = await h.GetAsync("v2/orders");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(503, (await JsonAsync(during, HttpStatusCode.ServiceUnavailable))[0].GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringEvenUnauthorised.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task The_concurrency_counter_records_the_most_requests_a_store_answered_at_once()
    {
        await using var h = await StartAsync();
        h.Simulator.SetFaults(Store, new BigCommerceFaults { Latency = TimeSpan.FromSeconds(1) });

        var calls = Enumerable.Range(0, 4).Select(_ => h.GetAsync("v2/order_statuses")).ToList();
        await WaitUntilAsync(() => h.Simulator.GetStats(Store).InFlight == 4);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var response in await Task.WhenAll(calls))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var stats = h.Simulator.GetStats(Store);
        Assert.Equal(new BigCommerceStoreStats(Requests: 4, RateLimited: 0, InFlight: 0, MaxInFlight: 4), stats);
    }

    /// <summary>Waits for the simulator to reach a state (not a fixed sleep): fails after 10 s.</summary>
    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the simulator did not reach the expected state in 10 s");
            await Task.Delay(5);
        }
    }
}
