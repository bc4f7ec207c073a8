using System.Net;
using System.Text.Json;
using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

public sealed class EcomdashEnvelopeTests : EcomdashTestBase
{
    [Fact]
    public async Task Ids_and_quantities_are_written_as_decimals()
    {
        var seeded = Sim.AddOrder(Merchant, new EcomdashOrderSeed());

        var json = await (await Api.PostAsync("orders/getOrder", new { OrderId = seeded.OrderId })).Content.ReadAsStringAsync();

        Assert.Contains($"\"EcomdashId\":{seeded.OrderId}.0", json);
        Assert.Contains($"\"OrderLineItemId\":{seeded.LineItemIds[0]}.0", json);
        Assert.Contains("\"QuantitySold\":1.0", json);
        Assert.Contains("\"UnitPrice\":9.99", json);
    }

    [Fact]
    public async Task Envelope_has_lower_case_members_and_pascal_case_pagination()
    {
        Sim.AddOrder(Merchant, new EcomdashOrderSeed());

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getOrders", new { }));

        Assert.Equal("Success", envelope.GetProperty("status").GetString());
        Assert.Empty(EcomdashTestHost.Messages(envelope));
        var pagination = envelope.GetProperty("pagination");
        Assert.Equal(1, pagination.GetProperty("CurrentPage").GetInt32());
        Assert.Equal(1, pagination.GetProperty("TotalNumberOfEntries").GetInt32());
        Assert.Equal(1, pagination.GetProperty("TotalNumberOfPages").GetInt32());
        Assert.Equal(JsonValueKind.Array, envelope.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task Lists_default_to_25_per_page()
    {
        for (var i = 0; i < 30; i++) Sim.AddOrder(Merchant, new EcomdashOrderSeed());

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getOrders", new { }));

        Assert.Equal(25, envelope.GetProperty("data").GetArrayLength());
        Assert.Equal(30, envelope.GetProperty("pagination").GetProperty("TotalNumberOfEntries").GetInt32());
        Assert.Equal(2, envelope.GetProperty("pagination").GetProperty("TotalNumberOfPages").GetInt32());
    }

    [Fact]
    public async Task More_than_200_per_page_is_served_200_and_counted_so()
    {
        for (var i = 0; i < 210; i++) Sim.AddProduct(Merchant, new EcomdashProductSeed($"SKU-{i:000}"));

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync("Inventory?resultsPerPage=500"));

        Assert.Equal(200, envelope.GetProperty("data").GetArrayLength());
        Assert.Equal(2, envelope.GetProperty("pagination").GetProperty("TotalNumberOfPages").GetInt32());
    }

    [Fact]
    public async Task A_page_past_the_end_is_an_empty_success()
    {
        Sim.AddOrder(Merchant, new EcomdashOrderSeed());

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getOrders", new { Pagination = new { PageNumber = int.MaxValue, ResultsPerPage = 200 } }));

        Assert.Equal("Success", envelope.GetProperty("status").GetString());
        Assert.Equal(0, envelope.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Page_number_below_one_is_a_failure_answered_with_http_200()
    {
        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync("Inventory?pageNumber=0"));

        Assert.Equal("Failure", envelope.GetProperty("status").GetString());
        Assert.Single(EcomdashTestHost.Messages(envelope));
        Assert.False(envelope.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Non_numeric_paging_is_refused_by_model_binding_with_400()
    {
        var response = await Api.GetAsync("Inventory?pageNumber=two");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The request is invalid.", (await EcomdashTestHost.JsonAsync(response)).GetProperty("Message").GetString());
    }

    [Fact]
    public async Task Forced_failure_answers_200_failure_and_does_not_act()
    {
        var seeded = Sim.AddOrder(Merchant, new EcomdashOrderSeed());
        Sim.ForceEnvelope(Merchant, EcomdashOperations.CreateShipment, EcomdashEnvelopeStatus.Failure, ["Something went wrong on our side."]);

        var first = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("Shipments/Create", new { OrderId = seeded.OrderId }));
        var shipmentsAfterFailure = Sim.Shipments(Merchant, seeded.OrderId).Count;
        var second = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("Shipments/Create", new { OrderId = seeded.OrderId }));

        Assert.Equal("Failure", first.GetProperty("status").GetString());
        Assert.Equal(["Something went wrong on our side."], EcomdashTestHost.Messages(first));
        Assert.Equal(0, shipmentsAfterFailure);
        Assert.Equal("Success", second.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Forced_partial_success_keeps_the_data_and_adds_the_messages()
    {
        Sim.AddOrder(Merchant, new EcomdashOrderSeed());
        Sim.ForceEnvelope(Merchant, EcomdashOperations.GetOrders, EcomdashEnvelopeStatus.PartialSuccess, ["Some orders could not be loaded."]);

        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.PostAsync("orders/getOrders", new { }));

        Assert.Equal("Partial Success", envelope.GetProperty("status").GetString());
        Assert.Equal(["Some orders could not be loaded."], EcomdashTestHost.Messages(envelope));
        Assert.Equal(1, envelope.GetProperty("data").GetArrayLength());
    }
}
