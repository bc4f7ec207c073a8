using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sandbox.ClickAndDrop;

namespace Sandbox.Tests.ClickAndDrop;

/// <summary>The rate limit, injected faults, foreign 404s, the outage window and the in-flight counter, on the fake clock.</summary>
public sealed class ClickAndDropFaultTests
{
    [Fact]
    public async Task Sixth_request_within_one_second_is_429_with_retry_after_and_the_next_second_is_fine()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await cnd.Api.GetAsync("orders/1")).StatusCode);
        using var throttled = await cnd.Api.GetAsync("orders/1");
        cnd.Clock.Advance(TimeSpan.FromSeconds(1));
        using var later = await cnd.Api.GetAsync("orders/1");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.NotFound, 5), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.NotFound, later.StatusCode);
        var stats = cnd.Simulator.Stats(ClickAndDropFixture.Oba);
        Assert.Equal((8, 2, 7), (stats.Requests, stats.RateLimited, stats.MaxRequestsInOneSecond));
    }

    [Theory]
    [InlineData(ClickAndDropForeignNotFound.Empty, null)]
    [InlineData(ClickAndDropForeignNotFound.Html, "text/html")]
    [InlineData(ClickAndDropForeignNotFound.GatewayJson, "application/json")]
    public async Task Foreign_404_is_not_click_and_drops_error_array(ClickAndDropForeignNotFound kind, string? mediaType)
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var id = (await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-there"))).Single();
        cnd.Simulator.ForeignNotFoundNext(ClickAndDropFixture.Oba, 1, kind);

        using var foreign = await cnd.Api.GetAsync($"orders/{id}");
        using var after = await cnd.Api.GetAsync($"orders/{id}");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(mediaType, foreign.Content.Headers.ContentType?.MediaType);
        var text = await foreign.Content.ReadAsStringAsync();
        Assert.False(text.TrimStart().StartsWith('['), text);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Wrong_base_path_is_a_bare_404()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        using var wrong = new HttpClient { BaseAddress = new Uri(cnd.BaseUrl + "/clickanddrop/api/v2/") };
        wrong.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", ClickAndDropFixture.ObaKey);

        using var response = await wrong.GetAsync("orders/%22R-1%22");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Outage_window_answers_503_pages_on_every_route_only_while_the_clock_is_inside_it()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        using var anonymous = cnd.Client(null);
        cnd.Simulator.SetOutage(ClickAndDropFixture.Start.AddSeconds(10), ClickAndDropFixture.Start.AddSeconds(70));

        using var before = await cnd.Api.GetAsync("orders/1");
        cnd.Clock.Advance(TimeSpan.FromSeconds(10));
        using var during = await cnd.Api.GetAsync("orders/1");
        using var version = await anonymous.GetAsync("version");
        cnd.Clock.Advance(TimeSpan.FromSeconds(60));
        using var after = await cnd.Api.GetAsync("orders/1");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("text/html", during.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, version.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal("application/json", after.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Outage_can_answer_a_404_page_instead()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var id = (await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-there"))).Single();
        cnd.Simulator.SetOutage(ClickAndDropFixture.Start, ClickAndDropFixture.Start.AddMinutes(1), ClickAndDropOutageAnswer.NotFoundPage);

        using var during = await cnd.Api.GetAsync($"orders/{id}");

        Assert.Equal(HttpStatusCode.NotFound, during.StatusCode);
        Assert.Equal("text/html", during.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task In_flight_counter_records_the_most_requests_answered_at_once()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var latency = TimeSpan.FromSeconds(2);
        cnd.Simulator.InjectLatency(ClickAndDropFixture.Oba, latency);

        var calls = Task.WhenAll(Enumerable.Range(1, 3).Select(i => cnd.Api.GetAsync($"orders/{i}")));
        await WaitUntil(() => cnd.Simulator.Stats(ClickAndDropFixture.Oba).InFlight == 3);
        // Advance until every delayed answer has gone out (a call may register its delay just after being counted).
        while (!calls.IsCompleted)
        {
            cnd.Clock.Advance(latency);
            await Task.WhenAny(calls, Task.Delay(20));
        }

        Assert.All(await calls, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var stats = cnd.Simulator.Stats(ClickAndDropFixture.Oba);
        Assert.Equal((0, 3), (stats.InFlight, stats.MaxInFlight));
    }

    [Fact]
    public async Task Create_then_fail_creates_the_orders_and_answers_500()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        cnd.Simulator.CreateThenFail(ClickAndDropFixture.Oba);

        using var failed = await cnd.CreateAsync([ClickAndDropItems.Uk("R-1")]);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("InternalServerError", (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("R-1", Assert.Single(cnd.Simulator.Orders(ClickAndDropFixture.Oba)).OrderReference);
    }

    [Fact]
    public async Task Injected_500s_and_429s_are_consumed_in_order_and_cleared()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        cnd.Simulator.FailNext(ClickAndDropFixture.Oba, 1);
        cnd.Simulator.RateLimitNext(ClickAndDropFixture.Oba, 1, retryAfterSeconds: 7);

        using var first = await cnd.Api.GetAsync("orders/1");
        using var second = await cnd.Api.GetAsync("orders/1");
        cnd.Simulator.ForeignNotFoundNext(ClickAndDropFixture.Oba, 5);
        cnd.Simulator.ClearFaults(ClickAndDropFixture.Oba);
        using var third = await cnd.Api.GetAsync("orders/1");

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), second.Headers.RetryAfter?.Delta);
        Assert.Equal("application/json", third.Content.Headers.ContentType?.MediaType);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 10 s.");
            await Task.Delay(10);
        }
    }
}
