using System.Net;
using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

public sealed class EcomdashFaultTests : EcomdashTestBase
{
    [Fact]
    public async Task Next_500s_fail_without_acting_then_the_api_recovers()
    {
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed());
        Sim.SetFaults(Merchant, new EcomdashFaults { Next500 = 2 });

        var first = await Api.PostAsync("Shipments/Create", new { OrderId = order.OrderId });
        var second = await Api.PostAsync("Shipments/Create", new { OrderId = order.OrderId });
        var shipmentsDuringFaults = Sim.Shipments(Merchant).Count;
        var third = await Api.PostAsync("Shipments/Create", new { OrderId = order.OrderId });

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal("An error has occurred.", (await EcomdashTestHost.JsonAsync(first)).GetProperty("Message").GetString());
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(0, shipmentsDuringFaults);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Injected_429_carries_retry_after()
    {
        Sim.SetFaults(Merchant, new EcomdashFaults { Next429 = 1, RetryAfterSeconds = 7 });

        var limited = await Api.GetAsync("carriers");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("carriers")).StatusCode);
    }

    [Fact]
    public async Task Outage_window_answers_503_until_it_ends()
    {
        var now = Api.Clock.GetUtcNow();
        Sim.SetFaults(Merchant, new EcomdashFaults { OutageFrom = now.AddMinutes(1), OutageUntil = now.AddMinutes(3) });

        var before = await Api.GetAsync("carriers");
        Api.Clock.Advance(TimeSpan.FromMinutes(2));
        var during = await Api.GetAsync("carriers");
        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await Api.GetAsync("carriers");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Timeout_after_acting_creates_the_shipment_but_never_answers()
    {
        var order = Sim.AddOrder(Merchant, new EcomdashOrderSeed());
        Sim.SetFaults(Merchant, new EcomdashFaults { TimeoutsAfterActing = 1, AfterActingOperation = EcomdashOperations.CreateShipment });

        var call = Api.PostAsync("Shipments/Create", new { OrderId = order.OrderId });
        await EcomdashTestHost.EventuallyAsync(() => Sim.Shipments(Merchant, order.OrderId).Count == 1, "the shipment to be created");
        await Api.AdvanceUntilDoneAsync(call, TimeSpan.FromMinutes(2)); // the simulator drops the connection after StallFor

        await Assert.ThrowsAsync<HttpRequestException>(() => call);
        await EcomdashTestHost.EventuallyAsync(() => Sim.RequestLog(Merchant).Any(e => e.StatusCode == 0), "the dropped call to be logged");
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync("orders/getOrders", new { })).StatusCode);
    }

    [Fact]
    public async Task Server_error_after_acting_leaves_the_quantity_updated()
    {
        var id = Sim.AddProduct(Merchant, new EcomdashProductSeed("MUG"));
        Sim.SetFaults(Merchant, new EcomdashFaults { ServerErrorsAfterActing = 1 });

        var response = await Api.PostAsync("inventory/updateQuantityOnHand", new[] { new { Sku = "MUG", Quantity = 5 } });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(5m, Sim.Product(Merchant, id).QuantityByWarehouse[Api.Merchant.DefaultWarehouseId]);
    }

    [Fact]
    public async Task Request_log_records_operation_status_and_envelope_status()
    {
        await Api.GetAsync("carriers", developerKey: "wrong");
        await Api.PostAsync("inventory/getProducts", new { idType = "ean", idList = new[] { "1" } });

        var log = Sim.RequestLog(Merchant);

        Assert.Equal(2, log.Count);
        Assert.Equal((EcomdashOperations.GetCarriers, 401, (string?)null), (log[0].Operation, log[0].StatusCode, log[0].EnvelopeStatus));
        Assert.Equal((EcomdashOperations.GetProducts, 200, "Failure"), (log[1].Operation, log[1].StatusCode, log[1].EnvelopeStatus));
        Assert.Equal(("POST", "/ecomdash/api/inventory/getProducts"), (log[1].Method, log[1].Path));
        Assert.Equal(Api.Clock.GetUtcNow(), log[1].Time);
    }
}
