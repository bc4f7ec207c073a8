using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sandbox.ClickAndDrop;

namespace Sandbox.Tests.ClickAndDrop;

/// <summary><c>POST /orders</c> with <c>label.includeLabelInResponse</c>: the label as base64 PDF for OBA accounts, labelErrors otherwise.</summary>
public sealed class ClickAndDropLabelInResponseTests
{
    private const string AskForLabel = "\"label\":{\"includeLabelInResponse\":true,\"includeCN\":false,\"includeReturnsLabel\":false}";

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdOrders");
    }

    [Fact]
    public async Task Oba_account_gets_each_label_as_base64_pdf_with_postage_applied_and_downloads_nothing()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.CreateAsync([ClickAndDropItems.Uk("R-1", AskForLabel), ClickAndDropItems.Uk("R-2", AskForLabel)]);

        var created = await CreatedAsync(response);
        Assert.Equal(2, created.GetArrayLength());
        foreach (var order in created.EnumerateArray())
        {
            var tracking = order.GetProperty("trackingNumber").GetString()!;
            var pdf = Encoding.ASCII.GetString(Convert.FromBase64String(order.GetProperty("label").GetString()!));
            Assert.StartsWith("%PDF-", pdf);
            Assert.Contains(tracking, pdf);
            Assert.Empty(order.GetProperty("labelErrors").EnumerateArray());
            Assert.NotNull(cnd.Simulator.Order(order.GetProperty("orderIdentifier").GetInt64())!.PrintedOn);
        }
        var stats = cnd.Simulator.Stats(ClickAndDropFixture.Oba);
        Assert.Equal((2, 0), (stats.LabelsInCreateResponses, stats.LabelRequests));
    }

    [Fact]
    public async Task Without_the_request_no_label_comes_and_postage_waits()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.CreateAsync([ClickAndDropItems.Uk("R-1", "\"label\":{\"includeLabelInResponse\":false}")]);

        var order = (await CreatedAsync(response))[0];
        Assert.False(order.TryGetProperty("label", out _));
        Assert.Null(cnd.Simulator.Order(order.GetProperty("orderIdentifier").GetInt64())!.PrintedOn);
    }

    [Fact]
    public async Task An_armed_reference_is_created_with_labelErrors_and_no_postage()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        cnd.Simulator.LabelErrorsFor(ClickAndDropFixture.Oba, "R-2", "LabelGenerationFailed", "Printer service unavailable");

        using var response = await cnd.CreateAsync([ClickAndDropItems.Uk("R-1", AskForLabel), ClickAndDropItems.Uk("R-2", AskForLabel)]);

        var created = await CreatedAsync(response);
        Assert.True(created[0].TryGetProperty("label", out _));
        var failed = created[1];
        Assert.False(failed.TryGetProperty("label", out _));
        var error = Assert.Single(failed.GetProperty("labelErrors").EnumerateArray());
        Assert.Equal(("LabelGenerationFailed", "Printer service unavailable"), (error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));
        Assert.Null(cnd.Simulator.Order(failed.GetProperty("orderIdentifier").GetInt64())!.PrintedOn);
    }

    [Fact]
    public async Task Non_oba_account_is_created_with_labelErrors_and_no_label()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        using var olp = cnd.Client(ClickAndDropFixture.OlpKey);

        using var response = await cnd.CreateAsync([ClickAndDropItems.Uk("R-olp", AskForLabel)], olp);

        var order = (await CreatedAsync(response))[0];
        Assert.False(order.TryGetProperty("label", out _));
        Assert.Equal(ClickAndDropSimulator.NotObaLabelCode, order.GetProperty("labelErrors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_label_request_that_is_not_boolean_fails_the_item()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();

        using var response = await cnd.CreateAsync([ClickAndDropItems.Uk("R-1", "\"label\":{\"includeLabelInResponse\":true,\"includeCN\":\"yes\"}")]);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, body.GetProperty("createdOrders").GetArrayLength());
        Assert.Contains("label.includeCN", body.GetProperty("failedOrders")[0].GetRawText());
    }

    [Fact]
    public async Task Several_orders_label_download_is_one_pdf_with_a_page_each()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var ids = await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-1"), ClickAndDropItems.Uk("R-2"));
        foreach (var id in ids) cnd.Simulator.ApplyPostage(id);

        using var response = await cnd.Api.GetAsync($"orders/{string.Join(';', ids)}/label?documentType=postageLabel&includeReturnsLabel=false");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("/Count 2", pdf);
        Assert.All(ids, id => Assert.Contains(cnd.Simulator.Order(id)!.TrackingNumber!, pdf));
        Assert.Equal(1, cnd.Simulator.Stats(ClickAndDropFixture.Oba).LabelRequests);
    }

    [Fact]
    public async Task Failing_label_downloads_answer_500_and_leave_other_requests_alone()
    {
        await using var cnd = await ClickAndDropFixture.StartAsync();
        var id = (await cnd.CreatedIdsAsync(ClickAndDropItems.Uk("R-1"))).Single();
        cnd.Simulator.ApplyPostage(id);
        cnd.Simulator.FailLabelsNext(ClickAndDropFixture.Oba, 1);

        using var lookup = await cnd.Api.GetAsync($"orders/{id}");
        using var failed = await cnd.Api.GetAsync($"orders/{id}/label?documentType=postageLabel&includeReturnsLabel=false");
        using var next = await cnd.Api.GetAsync($"orders/{id}/label?documentType=postageLabel&includeReturnsLabel=false");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.InternalServerError, HttpStatusCode.OK), (lookup.StatusCode, failed.StatusCode, next.StatusCode));
    }
}
