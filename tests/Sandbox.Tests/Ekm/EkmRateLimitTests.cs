using System.Diagnostics;
using System.Net;
using Sandbox.Ekm;

namespace Sandbox.Tests.Ekm;

/// <summary>The leaky bucket per app + shop (40, leaking 2 a second), its headers, and injected faults, on a fake clock.</summary>
public sealed class EkmRateLimitTests
{
    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    private static async Task<HttpStatusCode> StatusOfAsync(EkmHarness ekm, string token, string path = "/ekm/api/v2/orders")
    {
        using var response = await ekm.GetAsync(path, token);
        return response.StatusCode;
    }

    [Fact]
    public async Task Every_answer_carries_the_five_bucket_headers()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var token = (await ekm.ConnectAsync()).AccessToken;

        using var ok = await ekm.GetAsync("/ekm/api/v2/orders", token);
        using var notFound = await ekm.GetAsync("/ekm/api/v2/orders/5", token);

        Assert.Equal("1", Header(ok, "X-EKM-RateLimit-Cost"));
        Assert.Equal("40", Header(ok, "X-EKM-RateLimit-BucketSize"));
        Assert.Equal("1", Header(ok, "X-EKM-RateLimit-LeakRate"));
        Assert.Equal("2", Header(ok, "X-EKM-RateLimit-LeakAmount"));
        Assert.Equal("39", Header(ok, "X-EKM-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("38", Header(notFound, "X-EKM-RateLimit-Remaining"));
    }

    [Fact]
    public async Task A_burst_gets_forty_answers_then_429_with_retry_after_and_nothing_remaining()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var token = (await ekm.ConnectAsync()).AccessToken;
        for (var i = 0; i < 40; i++)
            Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(ekm, token));

        using var refused = await ekm.GetAsync("/ekm/api/v2/orders", token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("0", Header(refused, "X-EKM-RateLimit-Remaining"));
        Assert.Equal("1", Header(refused, "Retry-After"));
        Assert.Empty(await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_bucket_leaks_two_a_second_and_is_empty_again_after_twenty_quiet_seconds()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var token = (await ekm.ConnectAsync()).AccessToken;
        for (var i = 0; i < 40; i++)
            await StatusOfAsync(ekm, token);

        ekm.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = new[] { await StatusOfAsync(ekm, token), await StatusOfAsync(ekm, token), await StatusOfAsync(ekm, token) };
        ekm.Clock.Advance(TimeSpan.FromSeconds(20));
        using var recovered = await ekm.GetAsync("/ekm/api/v2/orders", token);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], afterOneSecond);
        Assert.Equal("39", Header(recovered, "X-EKM-RateLimit-Remaining"));
    }

    [Fact]
    public async Task A_client_that_bursts_forty_then_keeps_to_two_a_second_never_sees_a_429()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.AddOrders(EkmHarness.Shop, 200, fireWebhook: false);
        var token = (await ekm.ConnectAsync()).AccessToken;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
            statuses.Add(await StatusOfAsync(ekm, token, $"/ekm/api/v2/orders/{1001 + i}"));

        // The docs' example 3: after the burst, two requests a second for ever.
        for (var i = 40; i < 200; i++)
        {
            if (i % 2 == 0)
                ekm.Clock.Advance(TimeSpan.FromSeconds(1));
            statuses.Add(await StatusOfAsync(ekm, token, $"/ekm/api/v2/orders/{1001 + i}"));
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Retry_after_is_an_option_because_ekm_does_not_document_it()
    {
        await using var ekm = await EkmHarness.StartAsync(new EkmSimulatorOptions { SendRetryAfter = false });
        var token = (await ekm.ConnectAsync()).AccessToken;
        for (var i = 0; i < 40; i++)
            await StatusOfAsync(ekm, token);

        using var refused = await ekm.GetAsync("/ekm/api/v2/orders", token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Each_app_and_shop_pair_has_its_own_bucket()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.CreateShop("merchant-two");
        ekm.Simulator.RegisterApp("other-app", "other-secret", "https://other.example/cb");
        var shopOne = (await ekm.ConnectAsync()).AccessToken;
        ekm.Simulator.ConsentAs("merchant-two");
        var shopTwo = (await ekm.ConnectAsync()).AccessToken;
        ekm.Simulator.ConsentAs(EkmHarness.Shop);
        using var authorize = await ekm.Http.GetAsync(EkmHarness.AuthorizeUrl(redirectUri: "https://other.example/cb", clientId: "other-app"));
        var code = EkmHarness.QueryOf(authorize.Headers.Location!)["code"];
        using var exchange = await ekm.TokenAsync(("client_id", "other-app"), ("client_secret", "other-secret"), ("code", code),
            ("grant_type", "authorization_code"), ("redirect_uri", "https://other.example/cb"));
        var otherApp = (await EkmHarness.Tokens.ReadAsync(exchange)).AccessToken;
        for (var i = 0; i < 40; i++)
            await StatusOfAsync(ekm, shopOne);

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusOfAsync(ekm, shopOne));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(ekm, shopTwo));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(ekm, otherApp));
    }

    [Fact]
    public async Task Injected_429s_and_500s_answer_first_then_the_shop_works_again()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var token = (await ekm.ConnectAsync()).AccessToken;
        ekm.Simulator.SetFaults(EkmHarness.Shop, new EkmFaults { Next429 = 2, Next500 = 1 });

        var statuses = new[] { await StatusOfAsync(ekm, token), await StatusOfAsync(ekm, token), await StatusOfAsync(ekm, token), await StatusOfAsync(ekm, token) };

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, HttpStatusCode.OK], statuses);
        Assert.Equal(new EkmFaults(), ekm.Simulator.GetFaults(EkmHarness.Shop));
    }

    [Fact]
    public async Task Injected_latency_holds_every_answer_back()
    {
        await using var ekm = await EkmHarness.StartAsync(time: TimeProvider.System);
        var token = (await ekm.ConnectAsync()).AccessToken;
        ekm.Simulator.SetFaults(EkmHarness.Shop, new EkmFaults { Latency = TimeSpan.FromMilliseconds(250) });
        var watch = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(ekm, token));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(240), $"answered after {watch.Elapsed}");
    }
}
