using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

/// <summary>The <c>/_sandbox/ecomdash</c> controls, as a chaos or fuzz run in another process would drive them.</summary>
public sealed class EcomdashControlTests : EcomdashTestBase
{
    [Fact]
    public async Task Controls_set_up_a_merchant_with_an_order_that_the_api_then_serves()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await ControlAsync("POST", "developer-keys", new { key = "chaos-dev" })).StatusCode);
        var merchant = await JsonAsync(await ControlAsync("POST", "merchants", new { id = "chaos", ecdKey = "ecd-chaos" }));
        var product = await JsonAsync(await ControlAsync("POST", "merchants/chaos/products",
            new { sku = "SOCK", upc = "111", stock = new[] { new { warehouseId = merchant.GetProperty("defaultWarehouseId").GetInt64(), quantity = 3 } } }));
        var order = await JsonAsync(await ControlAsync("POST", "merchants/chaos/orders",
            new { status = "InProcess", shippingMethod = "Express", lines = new[] { new { sku = "SOCK", quantity = 2 } } }));

        var envelope = await EcomdashTestHost.EnvelopeAsync(
            await Api.PostAsync("orders/getOrder", new { OrderId = order.GetProperty("orderId").GetInt64() }, "chaos-dev", "ecd-chaos"));

        Assert.True(product.GetProperty("id").GetInt64() > 0);
        Assert.Equal("Express", envelope.GetProperty("data").GetProperty("ShippingMethod").GetString());
        Assert.Equal(2m, envelope.GetProperty("data").GetProperty("LineItems")[0].GetProperty("QuantitySold").GetDecimal());
    }

    [Fact]
    public async Task Fault_control_replaces_faults_and_delete_clears_them()
    {
        await ControlAsync("PUT", $"merchants/{Merchant}/faults", new { next500 = 1 });
        var failed = await Api.GetAsync("carriers");
        await ControlAsync("PUT", $"merchants/{Merchant}/faults", new { next500 = 5 });
        await ControlAsync("DELETE", $"merchants/{Merchant}/faults");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("carriers")).StatusCode);
    }

    [Fact]
    public async Task Envelope_control_forces_a_failure_on_one_operation()
    {
        await ControlAsync("POST", $"merchants/{Merchant}/envelope",
            new { operation = EcomdashOperations.GetCarriers, status = "Failure", messages = new[] { "Down for maintenance." } });

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync("carriers"));

        Assert.Equal("Failure", envelope.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Quota_controls_consume_calls_and_report_the_window()
    {
        await ControlAsync("POST", $"merchants/{Merchant}/consume-quota", new { calls = 120 });

        var throttle = await JsonAsync(await ControlAsync("GET", $"merchants/{Merchant}/throttle"));

        Assert.Equal(120, throttle.GetProperty("callsInWindow").GetInt32());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Api.GetAsync("carriers")).StatusCode);
    }

    [Fact]
    public async Task Subscription_control_lapses_the_merchant()
    {
        await ControlAsync("PUT", $"merchants/{Merchant}/subscription", new { active = false });

        Assert.Equal(HttpStatusCode.Forbidden, (await Api.GetAsync("carriers")).StatusCode);
    }

    [Fact]
    public async Task Write_backs_and_request_log_are_readable_over_http()
    {
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed());
        await Api.PostAsync("Shipments/Create", new { OrderId = order.OrderId });

        var shipments = await JsonAsync(await ControlAsync("GET", $"merchants/{Merchant}/shipments?orderId={order.OrderId}"));
        var log = await JsonAsync(await ControlAsync("GET", $"requests?merchantId={Merchant}"));

        Assert.Equal(1, shipments.GetArrayLength());
        Assert.Equal(EcomdashOperations.CreateShipment, log[0].GetProperty("operation").GetString());
    }

    [Fact]
    public async Task Unknown_merchant_is_404_and_a_bad_body_400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await ControlAsync("GET", "merchants/nobody/throttle")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ControlAsync("POST", $"merchants/{Merchant}/envelope", new { operation = "nope", status = "Failure" })).StatusCode);
    }

    private Task<HttpResponseMessage> ControlAsync(string method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"{EcomdashSimulator.ControlPrefix}/{path}");
        if (body is not null) request.Content = JsonContent.Create(body);
        return Api.Http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await EcomdashTestHost.JsonAsync(response);
    }
}
