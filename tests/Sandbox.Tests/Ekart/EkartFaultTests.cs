using System.Diagnostics;
using System.Net;
using Sandbox.Ekart;

namespace Sandbox.Tests.Ekart;

/// <summary>Injected faults: 500s, rate limits, outages, latency, and failures after the work is done.</summary>
public sealed class EkartFaultTests
{
    private const string TrackBody = """{"tracking_ids":["ABCP0000000001"]}""";

    [Fact]
    public async Task Next_two_calls_answer_500_then_the_api_recovers()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var bearer = await ekart.BearerAsync();
        ekart.Simulator.FailNext(2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await ekart.SendAsync(HttpMethod.Post, "ekart/v2/shipments/track", TrackBody, EkartFixture.Merchant, bearer);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Fault_aimed_at_one_operation_leaves_the_others_alone()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var bearer = await ekart.BearerAsync();
        ekart.Simulator.FailNext(1, EkartOperation.Create);

        using var track = await ekart.SendAsync(HttpMethod.Post, "ekart/v2/shipments/track", TrackBody, EkartFixture.Merchant, bearer);
        var (create, _) = await ekart.CreateAsync(EkartRequests.Forward(EkartTrackingId.Create(EkartFixture.Merchant, false, 1)));

        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, create);
    }

    [Fact]
    public async Task Rate_limited_call_is_429_with_retry_after_in_seconds()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var bearer = await ekart.BearerAsync();
        ekart.Simulator.RateLimitNext(1, TimeSpan.FromSeconds(3));

        using var limited = await ekart.SendAsync(HttpMethod.Post, "ekart/v2/shipments/track", TrackBody, EkartFixture.Merchant, bearer);
        using var next = await ekart.SendAsync(HttpMethod.Post, "ekart/v2/shipments/track", TrackBody, EkartFixture.Merchant, bearer);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Documented_rate_limit_is_403_forbidden_rate_limit_exceeded()
    {
        await using var ekart = await EkartFixture.StartAsync();
        ekart.Simulator.RateLimitNext(1, style: EkartRateLimitStyle.DocumentedForbidden);

        using var response = await ekart.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"forbidden":"Rate limit exceeded"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Outage_window_answers_503_only_while_it_lasts()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var bearer = await ekart.BearerAsync();
        ekart.Simulator.SetOutage(EkartFixture.Start.AddMinutes(1), EkartFixture.Start.AddMinutes(2));

        var statuses = new List<HttpStatusCode>();
        for (var minute = 0; minute < 3; minute++)
        {
            using var response = await ekart.SendAsync(HttpMethod.Post, "ekart/v2/shipments/track", TrackBody, EkartFixture.Merchant, bearer);
            statuses.Add(response.StatusCode);
            ekart.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Create_that_fails_after_acting_leaves_one_shipment_and_the_retry_is_already_present()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var request = EkartRequests.Forward(EkartTrackingId.Create(EkartFixture.Merchant, false, 1));
        ekart.Simulator.ActThenFail(EkartOperation.Create);

        var (first, _) = await ekart.CreateAsync(request);
        var (retry, body) = await ekart.CreateAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, first);
        Assert.Equal(HttpStatusCode.BadRequest, retry);
        Assert.Contains(EkartRequests.Messages(body), m => m.Contains("already present", StringComparison.Ordinal));
        Assert.Single(ekart.Simulator.Shipments(EkartFixture.Merchant));
    }

    [Fact]
    public async Task Stalled_create_keeps_its_shipment_when_the_client_gives_up()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var bearer = await ekart.BearerAsync();
        var trackingId = EkartTrackingId.Create(EkartFixture.Merchant, false, 1);
        ekart.Simulator.ActThenFail(EkartOperation.Create, EkartActThenFailMode.Stall);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ekart.SendAsync(HttpMethod.Post, "ekart/v2/shipments/create",
            EkartRequests.Forward(trackingId).ToJsonString(), EkartFixture.Merchant, bearer, timeout.Token));

        Assert.NotNull(ekart.Simulator.Shipment(trackingId));
        // The server notices the abandoned connection on its own schedule: wait (bounded) for the log line, status 0.
        await EventuallyAsync(() => ekart.Simulator.RequestLog().Any(e => e is { Operation: EkartOperation.Create, Status: 0 }));
    }

    [Fact]
    public async Task Cancel_that_fails_after_acting_still_cancels()
    {
        await using var ekart = await EkartFixture.StartAsync();
        var trackingId = await ekart.CreateShipmentAsync();
        ekart.Simulator.ActThenFail(EkartOperation.Cancel);

        var (status, _) = await ekart.CancelAsync((trackingId, "Cancel By Customer"));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(EkartStatuses.Cancelled, ekart.Simulator.Shipment(trackingId)!.Status);
    }

    [Fact]
    public async Task Latency_holds_every_answer_on_the_simulators_clock()
    {
        using var simulator = new EkartSimulator(TimeProvider.System);
        simulator.AddMerchant(EkartFixture.Merchant, EkartFixture.Token);
        await using var host = await SimulatorHost.StartAsync(app => simulator.MapRoutes(app));
        using var http = new HttpClient();
        simulator.InjectLatency(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + "/ekart/auth/token");
        request.Headers.TryAddWithoutValidation(EkartSimulator.MerchantHeader, EkartFixture.Merchant);
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + EkartFixture.Token);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task Request_log_records_merchant_method_path_operation_and_status()
    {
        await using var ekart = await EkartFixture.StartAsync();
        await ekart.BearerAsync();
        using var _ = await ekart.SendAsync(HttpMethod.Post, "ekart/v2/shipments/track", TrackBody, EkartFixture.Merchant, "Bearer nope");

        var log = ekart.Simulator.RequestLog();

        Assert.Equal(
            [
                new EkartRequestLogEntry(EkartFixture.Start, EkartFixture.Merchant, "POST", "/ekart/auth/token", EkartOperation.Token, 200),
                new EkartRequestLogEntry(EkartFixture.Start, EkartFixture.Merchant, "POST", "/ekart/v2/shipments/track", EkartOperation.Track, 401),
            ],
            log);
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The simulator did not record the abandoned request as status 0.");
            await Task.Delay(20);
        }
    }
}
