using System.Net;
using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

/// <summary>Hostile bodies and parameters get the partner's refusals (400, 404, 415 or a Failure), never a 500.</summary>
public sealed class EcomdashFuzzTests : EcomdashTestBase
{

    private static readonly string[] Bodies =
    [
        "", "null", "[]", "{}", "[{}]", "[null]", "[1]", "\"text\"", "12", "{\"OrderId\":null}", "{\"OrderId\":\"\"}",
        "{\"OrderId\":-1}", "{\"OrderId\":1.5}", "{\"OrderId\":1e400}", "{\"OrderId\":79228162514264337593543950335}",
        "{\"OrderId\":{}}", "{\"Pagination\":{\"PageNumber\":2147483648}}", "{\"Pagination\":[]}", "{\"FromDate\":\"31/02/2026\"}",
        "{\"FromDate\":\"9999-12-31T23:59:59-10:00\"}", "{\"idType\":\"sku\",\"idList\":[{}]}", "{\"idType\":\"sku\",\"idList\":\"MUG\"}",
        "[{\"Sku\":\"MUG\",\"Quantity\":79228162514264337593543950335},{\"Sku\":\"MUG\",\"Quantity\":79228162514264337593543950335,\"WarehouseId\":\"overflow\"}]",
        "[{\"ShipmentId\":1,\"LineItems\":[null]}]", "[{\"ShipmentId\":1,\"LineItems\":{}}]", "{\"LineItems\":[{\"OrderLineItemId\":1}]}",
        "{\"Id\":1,\"GlobalListingAttributes\":5}", new string('[', 200) + new string(']', 200), "{\"a\":" + new string('[', 100) + new string(']', 100) + "}",
        "{\"Status\":\"InProcess\",\"Status\":\"New\"}", "{\"OrderId\":1,\"orderid\":2}", "\u0000", "{\"OrderId\":1",
    ];

    private static readonly (string Method, string Path)[] Operations =
    [
        ("POST", "orders/getOrders"), ("POST", "orders/getOrder"), ("POST", "orders/getLineItems"), ("POST", "Shipments/Create"),
        ("POST", "Shipments/submitTrackingInfo"), ("POST", "inventory/getProducts"), ("POST", "inventory/updateQuantityOnHand"), ("PUT", "Inventory"),
    ];

    private static readonly string[] Gets =
    [
        "orders/abc/shipments", "orders/-5/shipments", "orders/1e5/shipments", "orders/79228162514264337593543950335/shipments",
        "Inventory/NaN", "Inventory/0", "Inventory/1.5", "Inventory?pageNumber=-1&resultsPerPage=99999999999", "Inventory?include=,,,",
        "Inventory?Type=&Sku=%00", "carriers?resultsPerPage=0", "Warehouses?pageNumber=2147483647",
    ];

    [Fact]
    public async Task Garbage_bodies_never_cause_a_server_error()
    {
        Sim.SetThrottle(Merchant, callsPerMinute: 10_000); // hundreds of calls in one frozen minute
        Sim.AddProduct(Merchant, new EcomdashProductSeed("MUG"));
        Sim.AddWarehouse(Merchant, "Second");
        foreach (var (method, path) in Operations)
            foreach (var body in Bodies)
            {
                var response = await Api.SendAsync(new HttpMethod(method), path, body);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
                    $"{method} {path} with {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
    }

    [Fact]
    public async Task Garbage_parameters_never_cause_a_server_error()
    {
        foreach (var path in Gets)
        {
            var response = await Api.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound,
                $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Absurd_quantities_are_refused_rather_than_overflowing_the_totals()
    {
        Sim.AddProduct(Merchant, new EcomdashProductSeed("MUG"));
        var second = Sim.AddWarehouse(Merchant, "Second");

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("inventory/updateQuantityOnHand", new object[]
        {
            new { Sku = "MUG", Quantity = decimal.MaxValue },
            new { Sku = "MUG", Quantity = decimal.MaxValue, WarehouseId = second },
        }));
        var list = await Api.GetAsync("Inventory");

        Assert.Equal("Failure", envelope.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }
}
