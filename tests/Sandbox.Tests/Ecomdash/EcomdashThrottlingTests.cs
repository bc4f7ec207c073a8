using System.Net;
using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

public sealed class EcomdashThrottlingTests : EcomdashTestBase
{
    [Fact]
    public async Task The_121st_call_in_a_minute_gets_429_with_retry_after_until_the_window_slides()
    {
        for (var i = 0; i < 120; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("carriers")).StatusCode);
            Api.Clock.Advance(TimeSpan.FromMilliseconds(250)); // 120 calls over 30 s
        }

        var limited = await Api.GetAsync("carriers");
        Api.Clock.Advance(TimeSpan.FromSeconds(29)); // the first call leaves the window 60 s after it was made
        var stillLimited = await Api.GetAsync("carriers");
        Api.Clock.Advance(TimeSpan.FromSeconds(1));
        var allowed = await Api.GetAsync("carriers");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), limited.Headers.RetryAfter!.Delta);
        Assert.Equal("Rate limit is exceeded. Try again in 30 seconds.", (await EcomdashTestHost.JsonAsync(limited)).GetProperty("message").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1), stillLimited.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Quota_used_by_another_integration_mid_run_is_shared()
    {
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("carriers")).StatusCode);
        Sim.ConsumeQuota(Merchant, 119);

        var limited = await Api.GetAsync("Warehouses");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), limited.Headers.RetryAfter!.Delta);
        Assert.Equal(120, Sim.CallsInCurrentWindow(Merchant));
    }

    [Fact]
    public async Task Every_developer_key_on_the_account_draws_on_the_same_120()
    {
        Sim.AddDeveloperKey("dev-key-other");
        Sim.ConsumeQuota(Merchant, 119);

        var ours = await Api.GetAsync("carriers");
        var theirs = await Api.GetAsync("carriers", developerKey: "dev-key-other");

        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, theirs.StatusCode);
    }

    [Fact]
    public async Task Another_merchants_quota_is_its_own()
    {
        Sim.AddMerchant(new EcomdashMerchantSeed("other", "ecd-other-key"));
        Sim.ConsumeQuota(Merchant, 120);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Api.GetAsync("carriers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("carriers", ecdKey: "ecd-other-key")).StatusCode);
    }

    [Fact]
    public async Task Background_load_from_another_integration_eats_into_the_minute()
    {
        Sim.SetBackgroundLoad(Merchant, 100);
        Api.Clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(100, Sim.CallsInCurrentWindow(Merchant));
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("carriers")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Api.GetAsync("carriers")).StatusCode);
    }

    [Fact]
    public async Task The_fourth_concurrent_call_of_one_operation_gets_429_without_retry_after()
    {
        Sim.SetFaults(Merchant, new EcomdashFaults { Latency = TimeSpan.FromSeconds(5) });
        var held = Enumerable.Range(0, 3).Select(_ => Api.PostAsync("orders/getOrders", new { })).ToList();
        await EcomdashTestHost.EventuallyAsync(() => Sim.InFlight(Merchant, EcomdashOperations.GetOrders) == 3, "three calls in flight");

        var fourth = await Api.PostAsync("orders/getOrders", new { });
        var answered = await Api.ReleaseAsync(held, TimeSpan.FromSeconds(5));
        Sim.ClearFaults(Merchant);
        var afterwards = await Api.PostAsync("orders/getOrders", new { });

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Null(fourth.Headers.RetryAfter);
        Assert.All(answered, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(0, Sim.InFlight(Merchant, EcomdashOperations.GetOrders));
    }

    [Fact]
    public async Task Three_calls_in_flight_of_one_operation_do_not_block_another_operation()
    {
        Sim.SetFaults(Merchant, new EcomdashFaults { Latency = TimeSpan.FromSeconds(5) });
        var held = Enumerable.Range(0, 3).Select(_ => Api.GetAsync("Inventory")).ToList();
        await EcomdashTestHost.EventuallyAsync(() => Sim.InFlight(Merchant, EcomdashOperations.GetInventory) == 3, "three calls in flight");

        var other = Api.PutAsync("Inventory", new { Id = 1, Sku = "X", Name = "X" });
        await EcomdashTestHost.EventuallyAsync(() => Sim.InFlight(Merchant, EcomdashOperations.UpdateProduct) == 1, "the other operation admitted");
        var answered = await Api.ReleaseAsync([.. held, other], TimeSpan.FromSeconds(5));

        Assert.All(answered, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task A_call_refused_for_concurrency_still_used_quota()
    {
        Sim.SetThrottle(Merchant, concurrentCallsPerOperation: 1);
        Sim.SetFaults(Merchant, new EcomdashFaults { Latency = TimeSpan.FromSeconds(5) });
        var held = Api.GetAsync("carriers");
        await EcomdashTestHost.EventuallyAsync(() => Sim.InFlight(Merchant, EcomdashOperations.GetCarriers) == 1, "one call in flight");

        var refused = await Api.GetAsync("carriers");
        await Api.ReleaseAsync([held], TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(2, Sim.CallsInCurrentWindow(Merchant));
    }
}
