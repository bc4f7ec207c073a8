using System.Net;
using System.Text.Json;
using Sandbox.Ekm;

namespace Sandbox.Tests.Ekm;

/// <summary>PUT /ekm/api/v2/orders/{id}/deliveryTracking and /status, and the write-back record tests assert on.</summary>
public sealed class EkmDespatchTests
{
    private const string Tracking = """{"delivery_tracking_number":"TT123456785GB","delivery_tracking_company":"Royal Mail","delivery_tracking_url":"https://www.royalmail.com/track-your-item#/tracking-results/TT123456785GB"}""";

    [Fact]
    public async Task Tracking_then_status_update_the_order_answer_it_and_are_recorded_in_that_order()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var seeded = ekm.Simulator.AddOrder(EkmHarness.Shop, new EkmOrderSeed { Status = "PROCESSING" });
        var tokens = await ekm.ConnectAsync();

        using var tracking = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/orders/{seeded.Id}/deliveryTracking", tokens.AccessToken, Tracking);
        ekm.Clock.Advance(TimeSpan.FromSeconds(1));
        using var status = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/orders/{seeded.Id}/status", tokens.AccessToken, """{"status":"DISPATCHED","email_customer":true}""");

        Assert.Equal(HttpStatusCode.OK, tracking.StatusCode);
        Assert.Equal("TT123456785GB", (await EkmHarness.JsonAsync(tracking)).GetProperty("data").GetProperty("delivery_tracking_number").GetString());
        var order = (await EkmHarness.JsonAsync(status)).GetProperty("data");
        Assert.Equal("DISPATCHED", order.GetProperty("status").GetString());
        Assert.Equal("Royal Mail", order.GetProperty("delivery_tracking_company").GetString());
        Assert.NotEqual(JsonValueKind.Null, order.GetProperty("last_updated").ValueKind);
        var writeBacks = ekm.Simulator.GetWriteBacks(EkmHarness.Shop, seeded.Id);
        Assert.Equal([EkmWriteBackKind.DeliveryTracking, EkmWriteBackKind.Status], writeBacks.Select(w => w.Kind));
        Assert.Equal("DISPATCHED", writeBacks[1].Status);
        Assert.True(writeBacks[1].EmailCustomer);
        Assert.Equal(EkmHarness.ClientId, writeBacks[0].ClientId);
        Assert.True(ekm.Simulator.GetOrder(EkmHarness.Shop, seeded.Id).Emailed);
    }

    [Theory]
    [InlineData("""{"status":"Dispatched"}""")]
    [InlineData("""{"status":"SHIPPED"}""")]
    public async Task A_status_the_shop_does_not_have_in_order_json_form_is_400(string body)
    {
        await using var ekm = await EkmHarness.StartAsync();
        var seeded = ekm.Simulator.AddOrder(EkmHarness.Shop);
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/orders/{seeded.Id}/status", tokens.AccessToken, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("status", (await EkmHarness.JsonAsync(response)).GetProperty("validation_result")[0].GetProperty("member_names")[0].GetString());
        Assert.Equal("PENDING", ekm.Simulator.GetOrder(EkmHarness.Shop, seeded.Id).Status);
        Assert.Empty(ekm.Simulator.GetWriteBacks(EkmHarness.Shop));
    }

    [Fact]
    public async Task A_status_body_without_status_is_400_with_the_specs_message()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var seeded = ekm.Simulator.AddOrder(EkmHarness.Shop);
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/orders/{seeded.Id}/status", tokens.AccessToken, """{"email_customer":true}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The status field is required.", (await EkmHarness.JsonAsync(response)).GetProperty("validation_result")[0].GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_and_malformed_json_is_400()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var seeded = ekm.Simulator.AddOrder(EkmHarness.Shop);
        var tokens = await ekm.ConnectAsync();
        using var formRequest = new HttpRequestMessage(HttpMethod.Put, $"/ekm/api/v2/orders/{seeded.Id}/status")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "DISPATCHED" }),
        };
        formRequest.Headers.Authorization = new("Bearer", tokens.AccessToken);

        using var form = await ekm.Http.SendAsync(formRequest);
        using var malformed = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/orders/{seeded.Id}/status", tokens.AccessToken, """{"status":""");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task A_write_back_to_an_unknown_order_is_404_and_records_nothing()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.SendJsonAsync(HttpMethod.Put, "/ekm/api/v2/orders/77/deliveryTracking", tokens.AccessToken, Tracking);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(ekm.Simulator.GetWriteBacks(EkmHarness.Shop));
    }

    [Fact]
    public async Task A_write_back_that_acts_then_fails_is_applied_and_recorded_though_the_client_sees_500()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var seeded = ekm.Simulator.AddOrder(EkmHarness.Shop);
        var tokens = await ekm.ConnectAsync();
        ekm.Simulator.SetFaults(EkmHarness.Shop, new EkmFaults { ActThenFail = 1 });

        using var failed = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/orders/{seeded.Id}/status", tokens.AccessToken, """{"status":"DISPATCHED"}""");
        using var retried = await ekm.SendJsonAsync(HttpMethod.Put, $"/ekm/api/v2/orders/{seeded.Id}/status", tokens.AccessToken, """{"status":"DISPATCHED"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(2, ekm.Simulator.GetWriteBacks(EkmHarness.Shop, seeded.Id).Count); // a test of "exactly once" would catch this retry
        Assert.Equal("DISPATCHED", ekm.Simulator.GetOrder(EkmHarness.Shop, seeded.Id).Status);
    }

    [Fact]
    public async Task A_write_back_that_acts_then_stalls_is_applied_while_the_client_times_out()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var seeded = ekm.Simulator.AddOrder(EkmHarness.Shop);
        var tokens = await ekm.ConnectAsync();
        ekm.Simulator.SetFaults(EkmHarness.Shop, new EkmFaults { ActThenFail = 1, AfterActing = EkmAfterActing.Stall, StallFor = TimeSpan.FromMinutes(5) });
        using var client = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/ekm/api/v2/orders/{seeded.Id}/deliveryTracking")
        {
            Content = new StringContent(Tracking, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);

        var answer = ekm.Http.SendAsync(request, client.Token);
        await WaitUntilAsync(() => ekm.Simulator.GetWriteBacks(EkmHarness.Shop, seeded.Id).Count == 1);
        Assert.False(answer.IsCompleted); // held for five minutes on the fake clock, which does not move
        await client.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer);

        Assert.Equal("TT123456785GB", ekm.Simulator.GetOrder(EkmHarness.Shop, seeded.Id).DeliveryTrackingNumber);
        Assert.Single(ekm.Simulator.GetWriteBacks(EkmHarness.Shop, seeded.Id));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(10))
        {
            Assert.True(waited < TimeSpan.FromSeconds(10), "the condition never held");
            await Task.Delay(10);
        }
    }
}
