using System.Net;
using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

public sealed class EcomdashOrdersTests : EcomdashTestBase
{
    private DateTimeOffset Now => Api.Clock.GetUtcNow();

    [Fact]
    public async Task GetOrders_filters_by_status_and_created_date_range()
    {
        var recentPaid = Sim.AddOrder(Merchant, new EcomdashOrderSeed { CreatedAt = Now.AddDays(-1) });
        Sim.AddOrder(Merchant, new EcomdashOrderSeed { CreatedAt = Now.AddDays(-1), Status = EcomdashOrderStatus.New });
        Sim.AddOrder(Merchant, new EcomdashOrderSeed { CreatedAt = Now.AddDays(-1), Status = EcomdashOrderStatus.Complete });
        Sim.AddOrder(Merchant, new EcomdashOrderSeed { CreatedAt = Now.AddDays(-10) });

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getOrders", new
        {
            Status = "InProcess",
            DateType = "CreatedDate",
            FromDate = Now.AddDays(-3).ToString("yyyy-MM-dd"),
            ToDate = Now.AddDays(1).ToString("yyyy-MM-dd"),
        }));

        var order = Assert.Single(envelope.GetProperty("data").EnumerateArray());
        Assert.Equal(recentPaid.OrderId, EcomdashTestHost.Id(order.GetProperty("EcomdashId")));
        Assert.Equal("InProcess", order.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task GetOrders_pages_oldest_first_so_reading_every_page_imports_each_order_once()
    {
        var ids = Enumerable.Range(0, 7)
            .Select(i => Sim.AddOrder(Merchant, new EcomdashOrderSeed { CreatedAt = Now.AddHours(-i) }).OrderId)
            .ToHashSet();

        var seen = new List<long>();
        for (var page = 1; page <= 3; page++)
        {
            var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getOrders",
                new { Status = "InProcess", Pagination = new { PageNumber = page, ResultsPerPage = 3 } }));
            Assert.Equal(3, envelope.GetProperty("pagination").GetProperty("TotalNumberOfPages").GetInt32());
            seen.AddRange(envelope.GetProperty("data").EnumerateArray().Select(o => EcomdashTestHost.Id(o.GetProperty("EcomdashId"))));
        }

        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(ids.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task GetOrders_refuses_an_unknown_status_with_a_failure()
    {
        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getOrders", new { Status = "Processing" }));

        Assert.Equal("Failure", envelope.GetProperty("status").GetString());
        Assert.Contains("Processing", EcomdashTestHost.Messages(envelope)[0]);
    }

    [Fact]
    public async Task GetOrders_refuses_a_misspelt_filter_instead_of_ignoring_it()
    {
        var response = await Api.PostAsync("orders/getOrders", new { Staus = "InProcess" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await EcomdashTestHost.JsonAsync(response);
        Assert.True(body.GetProperty("ModelState").TryGetProperty("request.Staus", out _));
    }

    [Fact]
    public async Task GetOrders_matches_member_names_case_insensitively_like_json_net()
    {
        Sim.AddOrder(Merchant, new EcomdashOrderSeed());

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getOrders", new { status = "InProcess", pagination = new { pageNumber = 1 } }));

        Assert.Equal(1, envelope.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Body_that_is_not_json_gets_415()
    {
        var response = await Api.PostRawAsync("orders/getOrders", "Status=InProcess", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/x-www-form-urlencoded", (await EcomdashTestHost.JsonAsync(response)).GetProperty("Message").GetString());
    }

    [Fact]
    public async Task Malformed_json_gets_400()
    {
        var response = await Api.PostRawAsync("orders/getOrders", "{'Status':'InProcess'}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetOrder_gives_storefront_shipping_method_ship_to_and_lines()
    {
        Sim.AddProduct(Merchant, new EcomdashProductSeed("MUG-RED") { Name = "Red mug" });
        var seeded = Sim.AddOrder(Merchant, new EcomdashOrderSeed
        {
            StorefrontName = "Amazon UK",
            StorefrontOrderNumber = "202-1234567-7654321",
            ShippingMethod = "NextDay",
            ShipTo = new EcomdashContactSeed { FullName = "Sam Patel", City = "Bristol", ZipCode = "BS1 4DJ" },
            Lines = [new("MUG-RED", 2, 7.50m), new("GIFT-CARD", 1, 10m) { IsDigital = true }],
        });

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getOrder", new { OrderId = seeded.OrderId + ".0" }));

        var order = envelope.GetProperty("data");
        Assert.Equal("Amazon UK", order.GetProperty("StorefrontName").GetString());
        Assert.Equal("202-1234567-7654321", order.GetProperty("StorefrontOrderNumber").GetString());
        Assert.Equal("NextDay", order.GetProperty("ShippingMethod").GetString());
        Assert.Equal("Sam Patel", order.GetProperty("ShipToContact").GetProperty("FullName").GetString());
        Assert.Equal("BS1 4DJ", order.GetProperty("ShipToContact").GetProperty("Address").GetProperty("ZipCode").GetString());
        var lines = order.GetProperty("LineItems").EnumerateArray().ToList();
        Assert.Equal("MUG-RED", lines[0].GetProperty("SkuNumber").GetString());
        Assert.Equal("Red mug", lines[0].GetProperty("ProductName").GetString());
        Assert.Equal(15m, lines[0].GetProperty("LineItemTotal").GetDecimal());
        Assert.Equal(Sim.ProductBySku(Merchant, "MUG-RED")!.Id, EcomdashTestHost.Id(lines[0].GetProperty("ProductId")));
        Assert.Equal(Api.Merchant.DefaultWarehouseId, EcomdashTestHost.Id(lines[0].GetProperty("WarehouseId")));
        Assert.False(lines[0].GetProperty("IsDigital").GetBoolean());
        Assert.True(lines[1].GetProperty("IsDigital").GetBoolean());
    }

    [Fact]
    public async Task GetOrder_for_an_unknown_id_is_a_failure()
    {
        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getOrder", new { OrderId = 1 }));

        Assert.Equal("Failure", envelope.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Line_items_of_an_order_come_paged_with_the_portals_members()
    {
        var seeded = Sim.AddOrder(Merchant, new EcomdashOrderSeed { Lines = [new("A"), new("B", 3)] });

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getLineItems", new { OrderId = seeded.OrderId }));

        Assert.Equal(2, envelope.GetProperty("pagination").GetProperty("TotalNumberOfEntries").GetInt32());
        var second = envelope.GetProperty("data")[1];
        Assert.Equal(seeded.LineItemIds[1], EcomdashTestHost.Id(second.GetProperty("OrderLineItemId")));
        Assert.Equal(seeded.OrderId, EcomdashTestHost.Id(second.GetProperty("SalesOrderId")));
        Assert.Equal(3m, second.GetProperty("QuantitySold").GetDecimal());
    }
}
