using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sandbox.ClickAndDrop;

namespace Sandbox.Tests.ClickAndDrop;

/// <summary><c>POST /orders</c>: whole-request refusals, per-order validation and partial success.</summary>
public sealed class ClickAndDropCreateTests
{
    [Fact]
    public async Task Malformed_body_is_400_with_an_error_response()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.Api.PostAsync("orders", ClickAndDropFixture.Json("{\"items\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("InvalidJson", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Partial_success_answers_200_with_created_and_failed_orders()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.CreateAsync([ClickAndDropItems.Uk("R-ok"), ClickAndDropItems.Uk("R-bad").Replace("\"letter\"", "\"hugeParcel\"")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1), (body.GetProperty("successCount").GetInt32(), body.GetProperty("errorsCount").GetInt32()));
        Assert.Equal("R-ok", body.GetProperty("createdOrders")[0].GetProperty("orderReference").GetString());
        var failed = body.GetProperty("failedOrders")[0];
        Assert.Equal("R-bad", failed.GetProperty("order").GetProperty("orderReference").GetString());
        Assert.Equal("packages[0].packageFormatIdentifier", failed.GetProperty("errors")[0].GetProperty("fields")[0].GetProperty("fieldName").GetString());
        Assert.Single(cnd.Simulator.Orders(ClickAndDropFixture.Oba));
    }

    [Fact]
    public async Task Duplicate_references_are_created_as_separate_orders()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        var ids = await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-same"), ClickAndDropItems.Uk("R-same"));

        Assert.Equal(2, ids.Distinct().Count());
    }

    [Fact]
    public async Task Request_holding_a_refused_order_is_refused_as_a_whole_and_creates_nothing()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        cnd.Simulator.RefuseRequestsContaining(ClickAndDropFixture.Oba, "R-poison", "The order cannot be read.");

        using var response = await cnd.CreateAsync([ClickAndDropItems.Uk("R-fine"), ClickAndDropItems.Uk("R-poison")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The order cannot be read.", error.GetProperty("message").GetString());
        Assert.Equal("items[1]", error.GetProperty("details").GetString());
        Assert.Empty(cnd.Simulator.Orders(ClickAndDropFixture.Oba));
    }

    [Fact]
    public async Task Northern_ireland_order_from_a_business_sender_needs_is_recipient_a_business()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.CreateAsync([
            ClickAndDropItems.NorthernIreland("NI-missing", company: "Harland Ltd"),
            ClickAndDropItems.NorthernIreland("NI-business", company: "Harland Ltd", extra: "\"isRecipientABusiness\":true"),
            ClickAndDropItems.NorthernIreland("NI-consumer", extra: "\"isRecipientABusiness\":false"),
        ]);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["NI-business", "NI-consumer"], body.GetProperty("createdOrders").EnumerateArray().Select(o => o.GetProperty("orderReference").GetString()));
        var failed = Assert.Single(body.GetProperty("failedOrders").EnumerateArray());
        Assert.Equal("NI-missing", failed.GetProperty("order").GetProperty("orderReference").GetString());
        Assert.Equal("isRecipientABusiness", failed.GetProperty("errors")[0].GetProperty("fields")[0].GetProperty("fieldName").GetString());
    }

    [Fact]
    public async Task Northern_ireland_rule_follows_the_sender_and_the_simulators_strictness()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        using var olp = cnd.Client(ClickAndDropFixture.OlpKey);

        using var consumerSender = await cnd.CreateAsync([ClickAndDropItems.NorthernIreland("NI-olp")], olp);
        cnd.Simulator.NorthernIrelandBusinessFlag = ClickAndDropNorthernIrelandRule.RequiredForAll;
        using var strict = await cnd.CreateAsync([ClickAndDropItems.NorthernIreland("NI-olp-strict")], olp);
        cnd.Simulator.NorthernIrelandBusinessFlag = ClickAndDropNorthernIrelandRule.NotRequired;
        using var lenient = await cnd.CreateAsync([ClickAndDropItems.NorthernIreland("NI-oba-lenient")]);

        Assert.Equal(1, (await consumerSender.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("successCount").GetInt32());
        Assert.Equal(1, (await strict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorsCount").GetInt32());
        Assert.Equal(1, (await lenient.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("successCount").GetInt32());
    }

    [Fact]
    public async Task Mainland_order_needs_no_business_flag_and_a_non_boolean_one_is_refused()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.CreateAsync([ClickAndDropItems.Uk("GB-plain"), ClickAndDropItems.Uk("GB-odd", "\"isRecipientABusiness\":\"yes\"")]);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("GB-plain", body.GetProperty("createdOrders")[0].GetProperty("orderReference").GetString());
        Assert.Equal("GB-odd", body.GetProperty("failedOrders")[0].GetProperty("order").GetProperty("orderReference").GetString());
    }

    [Fact]
    public async Task Ioss_delivery_terms_need_an_ioss_number_and_unknown_terms_are_refused()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.CreateAsync([
            ClickAndDropItems.France("EU-ioss", "\"deliveryTerm\":\"IOSS_DDU\",\"postageDetails\":{\"serviceCode\":\"OLP1\",\"IOSSNumber\":\"IM2760000742\"}"),
            ClickAndDropItems.France("EU-no-number", "\"deliveryTerm\":\"IOSS_DDU\""),
            ClickAndDropItems.France("EU-odd-term", "\"deliveryTerm\":\"FOB\""),
            ClickAndDropItems.France("EU-default"),
        ]);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["EU-ioss", "EU-default"], body.GetProperty("createdOrders").EnumerateArray().Select(o => o.GetProperty("orderReference").GetString()));
        var failed = body.GetProperty("failedOrders").EnumerateArray().Select(f => (
            Reference: f.GetProperty("order").GetProperty("orderReference").GetString(),
            Field: f.GetProperty("errors")[0].GetProperty("fields")[0].GetProperty("fieldName").GetString())).ToList();
        Assert.Equal([("EU-no-number", "postageDetails.IOSSNumber"), ("EU-odd-term", "deliveryTerm")], failed);
    }

    [Fact]
    public async Task Order_abroad_without_customs_data_is_refused_per_line()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.CreateAsync([ClickAndDropItems.France("EU-no-origin").Replace(",\"originCountryCode\":\"GB\"", "")]);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("packages[0].contents[0].originCountryCode",
            body.GetProperty("failedOrders")[0].GetProperty("errors")[0].GetProperty("fields")[0].GetProperty("fieldName").GetString());
    }
}
