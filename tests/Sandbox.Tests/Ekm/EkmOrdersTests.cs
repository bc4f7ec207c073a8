using System.Net;
using System.Text.Json;
using Sandbox.Ekm;

namespace Sandbox.Tests.Ekm;

/// <summary>GET /ekm/api/v2/orders, /orders/{id} and /orders/{id}/items: the envelope, paging and the V2Order model.</summary>
public sealed class EkmOrdersTests
{
    [Fact]
    public async Task A_page_of_orders_comes_in_the_envelope_with_meta_links_and_data()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.AddOrders(EkmHarness.Shop, 45);
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.GetAsync("/ekm/api/v2/orders?page=2&limit=20", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await EkmHarness.JsonAsync(response);
        Assert.Equal(["meta", "links", "validation_result", "errors", "data"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, json.GetProperty("meta").GetProperty("pages_total").GetInt32());
        Assert.Equal(45, json.GetProperty("meta").GetProperty("items_total").GetInt32());
        Assert.Equal(20, json.GetProperty("meta").GetProperty("items_per_page").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("validation_result").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("errors").ValueKind);
        var links = json.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("rel").GetString()!, l => l.GetProperty("href").GetString()!);
        Assert.Equal("/orders?page=2&limit=20", links["current"]);
        Assert.Equal("/orders?page=3&limit=20", links["next"]);
        var ids = json.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(20, ids.Count);
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task The_last_page_has_no_next_link()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.AddOrders(EkmHarness.Shop, 45);
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.GetAsync("/ekm/api/v2/orders?page=3&limit=20", tokens.AccessToken);

        var json = await EkmHarness.JsonAsync(response);
        Assert.Equal(5, json.GetProperty("data").GetArrayLength());
        Assert.Equal(["current"], json.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("rel").GetString()));
        using var beyond = await ekm.GetAsync("/ekm/api/v2/orders?page=4&limit=20", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
        Assert.Equal(0, (await EkmHarness.JsonAsync(beyond)).GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("limit=21", "limit")]
    [InlineData("limit=100", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    public async Task Paging_outside_the_contract_is_400_with_a_validation_result(string query, string member)
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.GetAsync("/ekm/api/v2/orders?" + query, tokens.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await EkmHarness.JsonAsync(response)).GetProperty("validation_result").EnumerateArray());
        Assert.Equal([member], error.GetProperty("member_names").EnumerateArray().Select(m => m.GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error_message").GetString()));
    }

    [Fact]
    public async Task An_order_has_the_v2order_fields_with_upper_case_statuses_and_an_int64_id()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var seeded = ekm.Simulator.AddOrder(EkmHarness.Shop, new EkmOrderSeed
        {
            Status = "PROCESSING",
            DeliveryMethod = "Royal Mail Tracked 48",
            ShippingAddress = new EkmAddressSeed { FirstName = "Ada", LastName = "Byron", PostCode = "EH1 1YZ", Town = "Edinburgh", Country = "GB" },
            Lines = [new EkmOrderLineSeed { ProductCode = "MUG-BLUE", Quantity = 2, ItemPrice = 8.5 }],
        });
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.GetAsync($"/ekm/api/v2/orders/{seeded.Id}", tokens.AccessToken);

        var order = (await EkmHarness.JsonAsync(response)).GetProperty("data");
        Assert.Equal(seeded.Id, order.GetProperty("id").GetInt64());
        Assert.Equal(seeded.OrderNumber, order.GetProperty("order_number").GetString());
        Assert.Equal("PROCESSING", order.GetProperty("status").GetString());
        Assert.Equal("SUCCESS", order.GetProperty("payment_status").GetString());
        Assert.False(string.IsNullOrEmpty(order.GetProperty("transaction_id").GetString()));
        Assert.Equal("Royal Mail Tracked 48", order.GetProperty("delivery_method").GetString());
        Assert.Equal(17.0, order.GetProperty("sub_total").GetDouble());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("last_updated").ValueKind);
        Assert.EndsWith("Z", order.GetProperty("order_date").GetString());
        var address = order.GetProperty("shipping_address");
        Assert.Equal("Ada", address.GetProperty("first_name").GetString());
        Assert.Equal("EH1 1YZ", address.GetProperty("post_code").GetString());
        Assert.Equal("GB", address.GetProperty("country").GetString());
        Assert.Equal("sam.jones@example.co.uk", order.GetProperty("customer_details").GetProperty("email_address").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("delivery_tracking_number").ValueKind);
    }

    [Fact]
    public async Task An_unpaid_order_says_so_in_payment_status_and_has_no_transaction_id()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var seeded = ekm.Simulator.AddOrder(EkmHarness.Shop, new EkmOrderSeed { PaymentStatus = "FAILED" });
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.GetAsync($"/ekm/api/v2/orders/{seeded.Id}", tokens.AccessToken);

        var order = (await EkmHarness.JsonAsync(response)).GetProperty("data");
        Assert.Equal("PENDING", order.GetProperty("status").GetString());
        Assert.Equal("FAILED", order.GetProperty("payment_status").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("transaction_id").ValueKind);
    }

    [Fact]
    public async Task An_unknown_order_is_404_with_the_specs_validation_result()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var tokens = await ekm.ConnectAsync();

        using var response = await ekm.GetAsync("/ekm/api/v2/orders/1", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var json = await EkmHarness.JsonAsync(response);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("data").ValueKind);
        var error = Assert.Single(json.GetProperty("validation_result").EnumerateArray());
        Assert.Equal("Order '1' not found.", error.GetProperty("error_message").GetString());
        Assert.Equal(["id"], error.GetProperty("member_names").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task An_orders_items_carry_product_code_quantity_and_price_and_can_be_read_one_by_one()
    {
        await using var ekm = await EkmHarness.StartAsync();
        var seeded = ekm.Simulator.AddOrder(EkmHarness.Shop, new EkmOrderSeed
        {
            Lines = [new EkmOrderLineSeed { ProductCode = "TEE-S", Quantity = 3, ItemPrice = 10 }, new EkmOrderLineSeed { ProductCode = "CAP", ItemOptions = "Colour: Red" }],
        });
        var tokens = await ekm.ConnectAsync();

        using var list = await ekm.GetAsync($"/ekm/api/v2/orders/{seeded.Id}/items", tokens.AccessToken);
        using var one = await ekm.GetAsync($"/ekm/api/v2/orders/{seeded.Id}/items/{seeded.ItemIds[1]}", tokens.AccessToken);
        using var missing = await ekm.GetAsync($"/ekm/api/v2/orders/{seeded.Id}/items/999999", tokens.AccessToken);

        var items = (await EkmHarness.JsonAsync(list)).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["TEE-S", "CAP"], items.Select(i => i.GetProperty("product_code").GetString()));
        Assert.Equal(3, items[0].GetProperty("quantity").GetInt64());
        Assert.Equal(10.0, items[0].GetProperty("item_price").GetDouble());
        Assert.Equal(seeded.Id, items[0].GetProperty("order_id").GetInt64());
        Assert.True(items[0].GetProperty("product_id").GetInt64() > 0);
        var item = (await EkmHarness.JsonAsync(one)).GetProperty("data");
        Assert.Equal("Colour: Red", item.GetProperty("item_options").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_shop_sees_only_its_own_orders()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.CreateShop("merchant-two");
        var other = ekm.Simulator.AddOrder("merchant-two");
        ekm.Simulator.AddOrder(EkmHarness.Shop);
        var tokens = await ekm.ConnectAsync();

        using var list = await ekm.GetAsync("/ekm/api/v2/orders", tokens.AccessToken);
        using var direct = await ekm.GetAsync($"/ekm/api/v2/orders/{other.Id}", tokens.AccessToken);

        Assert.Equal(1, (await EkmHarness.JsonAsync(list)).GetProperty("meta").GetProperty("items_total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
    }
}
